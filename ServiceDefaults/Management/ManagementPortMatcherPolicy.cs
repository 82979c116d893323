using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.Options;

namespace TDeveloper.ServiceDefaults;

/// <summary>
/// Routing's view of the management port: an endpoint with <see cref="ManagementEndpointMetadata"/> is a candidate only
/// when the connection arrived on a management port, so on the public port it does not exist (404, not 403).
/// </summary>
/// <remarks>
/// It looks at the local port of the connection, never at the Host header, which a caller chooses (that is why it is
/// not <c>RequireHost</c>).
/// </remarks>
internal sealed class ManagementPortMatcherPolicy(IOptions<ManagementOptions> options) : MatcherPolicy, IEndpointSelectorPolicy
{
    private readonly IReadOnlySet<int> _ports = options.Value.Ports;

    /// <inheritdoc />
    public override int Order => -90; // with the other early policies (RequireHost is -100), before HTTP method selection

    /// <inheritdoc />
    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints.Any(IsManagement);

    /// <inheritdoc />
    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        if (_ports.Contains(httpContext.Connection.LocalPort)) return Task.CompletedTask;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (IsManagement(candidates[i].Endpoint)) candidates.SetValidity(i, false);
        }

        return Task.CompletedTask;
    }

    private static bool IsManagement(Endpoint endpoint) => endpoint.Metadata.GetMetadata<ManagementEndpointMetadata>() is not null;
}
