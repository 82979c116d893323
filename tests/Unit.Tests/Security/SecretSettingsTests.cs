using System.Reflection;
using System.Text.RegularExpressions;
using Orleans;

namespace TDeveloper.Unit.Tests.Security;

/// <summary>
/// Every setting that holds a secret carries Orleans' <see cref="RedactAttribute"/>, the codebase's convention (Orleans'
/// options log prints such a property as "REDACTED"). Found by reflection over the settings classes of every T-Developer
/// assembly, so a new secret setting is checked without being listed.
/// </summary>
public sealed partial class SecretSettingsTests
{
    [Fact]
    public void Every_secret_setting_is_marked_to_be_redacted()
    {
        var secrets = SettingsTypes()
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(property => (type, property)))
            .Where(p => p.property.PropertyType == typeof(string) && SecretName().IsMatch(p.property.Name))
            .ToList();

        Assert.Contains(secrets, s => s.property.Name == "ApiKey"); // the scan reaches the model catalog
        var unmarked = secrets.Where(s => s.property.GetCustomAttribute<RedactAttribute>(inherit: true) is null).Select(s => $"{s.type.FullName}.{s.property.Name}").ToList();
        Assert.True(unmarked.Count == 0, $"Secret settings without [Orleans.Redact]: {string.Join(", ", unmarked)}");
    }

    /// <summary>Options classes and the entries bound from configuration in every T-Developer assembly.</summary>
    private static IEnumerable<Type> SettingsTypes() =>
        new[] { typeof(TDeveloper.Grains.StorageNames), typeof(TDeveloper.Hosting.HostingMode), typeof(TDeveloper.Aws.AwsModeOptions), typeof(TDeveloper.Grains.Interfaces.GrainKeys) }
            .Select(t => t.Assembly)
            .Concat(AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name?.StartsWith("TDeveloper.", StringComparison.Ordinal) == true && !a.GetName().Name!.EndsWith(".Tests", StringComparison.Ordinal)))
            .Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && (t.Name.EndsWith("Options", StringComparison.Ordinal) || t.Name.EndsWith("Entry", StringComparison.Ordinal) || t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is not null));

    [GeneratedRegex("(ApiKey|AccessKey|SecretKey|Secret|Password|ClientSecret|SigningKey|HmacKey|Token)$")]
    private static partial Regex SecretName();
}
