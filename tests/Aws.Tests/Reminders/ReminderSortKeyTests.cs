using TDeveloper.Aws.Reminders;

namespace TDeveloper.Aws.Tests.Reminders;

public class ReminderSortKeyTests
{
    [Fact]
    public void The_key_is_the_hash_in_eight_hex_digits_then_the_grain_then_the_name()
    {
        Assert.Equal("00ABCDEF#type/key#tick", ReminderSortKey.Of(0xABCDEF, "type/key", "tick"));
    }

    [Fact]
    public void Hash_signs_in_grain_ids_or_names_cannot_make_two_reminders_share_a_key()
    {
        Assert.NotEqual(ReminderSortKey.Of(7, "t/a#b", "c"), ReminderSortKey.Of(7, "t/a", "b#c"));
        Assert.NotEqual(ReminderSortKey.Of(7, "t/a%23b", "c"), ReminderSortKey.Of(7, "t/a#b", "c"));
    }

    [Fact]
    public void A_grain_prefix_starts_no_key_of_another_grain_even_with_the_same_hash()
    {
        var prefix = ReminderSortKey.GrainPrefix(7, "t/a");
        Assert.StartsWith(prefix, ReminderSortKey.Of(7, "t/a", "n"), StringComparison.Ordinal);
        Assert.StartsWith(prefix, ReminderSortKey.Of(7, "t/a", "#x#"), StringComparison.Ordinal);
        Assert.False(ReminderSortKey.Of(7, "t/a#x", "n").StartsWith(prefix, StringComparison.Ordinal));
        Assert.False(ReminderSortKey.Of(7, "t/a#", "n").StartsWith(prefix, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0xA0000000u)]
    [InlineData(uint.MaxValue)]
    public void The_bounds_of_a_hash_enclose_its_keys_and_no_key_of_a_neighbouring_hash(uint hash)
    {
        var key = ReminderSortKey.Of(hash, "t/k", "name");
        Assert.True(string.CompareOrdinal(ReminderSortKey.LowerBound(hash), key) <= 0);
        Assert.True(string.CompareOrdinal(key, ReminderSortKey.UpperBound(hash)) <= 0);
        if (hash > 0) Assert.True(string.CompareOrdinal(ReminderSortKey.Of(hash - 1, "t/~~~", "~~~"), ReminderSortKey.LowerBound(hash)) < 0);
        if (hash < uint.MaxValue) Assert.True(string.CompareOrdinal(ReminderSortKey.UpperBound(hash), ReminderSortKey.Of(hash + 1, "", "")) < 0);
    }

    [Fact]
    public void A_key_longer_than_dynamodb_allows_is_refused_with_the_reminder_named()
    {
        var grain = TestReminders.NewGrain();
        var fits = new string('n', ReminderSortKey.MaxBytes - ReminderSortKey.GrainPrefix(grain).Length);

        Assert.Equal(ReminderSortKey.MaxBytes, ReminderSortKey.Of(grain, fits).Length);
        var refused = Assert.Throws<ArgumentException>(() => ReminderSortKey.Of(grain, fits + "é"));
        Assert.Contains(fits, refused.Message);
    }
}
