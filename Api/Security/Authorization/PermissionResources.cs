using System.Text;
using Microsoft.AspNetCore.Routing;
using TDeveloper.Grains.Interfaces.Security.Rbac;

namespace TDeveloper.Api.Security.Authorization;

/// <summary>Builds a route's RBAC resource from its <see cref="PermissionRequirement.Resource"/> template, the caller's tenant and the route values.</summary>
public static class PermissionResources
{
    /// <summary>The segment used for a route value that is missing or empty.</summary>
    public const string Missing = "-";

    /// <summary>Gets <c>tenants/{tenant}/{template with route values}</c>.</summary>
    public static string Resolve(string template, string tenant, RouteValueDictionary routeValues)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(routeValues);
        var path = new StringBuilder(template.Length + 32);
        var at = 0;
        while (at < template.Length)
        {
            var open = template.IndexOf('{', at);
            if (open < 0)
            {
                path.Append(template, at, template.Length - at);
                break;
            }

            var close = template.IndexOf('}', open);
            if (close < 0) throw new FormatException($"The resource template '{template}' has an unclosed '{{'.");
            path.Append(template, at, open - at);
            var name = template[(open + 1)..close].TrimStart('*');
            var value = routeValues.TryGetValue(name, out var raw) ? Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture) : null;
            path.Append(string.IsNullOrEmpty(value) ? Missing : value);
            at = close + 1;
        }

        return RbacResources.Of(tenant, path.ToString());
    }

    /// <summary>Gets the names of the route values a template uses.</summary>
    public static IEnumerable<string> ParametersOf(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var at = 0;
        while ((at = template.IndexOf('{', at)) >= 0)
        {
            var close = template.IndexOf('}', at);
            if (close < 0) yield break;
            yield return template[(at + 1)..close].TrimStart('*');
            at = close + 1;
        }
    }
}
