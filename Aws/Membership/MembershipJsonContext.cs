using System.Text.Json.Serialization;

namespace TDeveloper.Aws.Membership;

/// <summary>Source-generated JSON for the silo rows of the membership item: camel case, statuses by name, nulls left out.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<SiloRow>))]
internal sealed partial class MembershipJsonContext : JsonSerializerContext;
