using System.Text.Json.Serialization;

namespace TDeveloper.Aws.Membership;

/// <summary>Source-generated JSON for the silo rows of the membership table (and of the old single-item layout): camel case, statuses by name, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SiloRow))]
[JsonSerializable(typeof(IReadOnlyList<SiloRow>))]
internal sealed partial class MembershipJsonContext : JsonSerializerContext;
