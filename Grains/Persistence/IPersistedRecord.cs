namespace TDeveloper.Grains.Persistence;

/// <summary>
/// Marks a type that <see cref="RecordStore"/> and <see cref="Journal"/> persist. Their methods accept only such types,
/// so a new record type cannot be stored without being marked, and the serialization test finds every marked type and
/// round-trips it, fully populated, through the stores' serializers.
/// </summary>
public interface IPersistedRecord;
