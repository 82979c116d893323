using Orleans.Storage;
using static TDeveloper.Aws.Tests.Storage.StorageKit;
using static TDeveloper.Tests.Storage.GrainStorageContract;

namespace TDeveloper.Aws.Tests.Storage;

/// <summary>Two providers (two silos, two clients) racing on one grain: the conditional write lets exactly one win.</summary>
[Collection(DynaliteCollection.Name)]
public class DynamoDBGrainStorageConcurrencyTests(DynaliteFixture dynalite)
{
    [Theory]
    [InlineData(0, 25, 1)]
    [InlineData(500_000, 4, 3)]
    public async Task Of_two_writers_from_the_same_etag_exactly_one_wins_and_the_other_is_told(int blobBytes, int rounds, int itemsLeft)
    {
        var options = Options(dynalite);
        using var first = await StartAsync(options);
        using var second = await StartAsync(options);
        using var client = dynalite.CreateClient();
        var grain = NewGrainId();
        var current = With(new SampleState(), null);
        await first.WriteStateAsync(StateName, grain, current);

        for (var round = 0; round < rounds; round++)
        {
            var fromFirst = With(new SampleState { Text = "first", Counter = round, Blob = RandomBytes(blobBytes) }, current.ETag);
            var fromSecond = With(new SampleState { Text = "second", Counter = round, Blob = RandomBytes(blobBytes) }, current.ETag);

            var outcomes = await Task.WhenAll(Outcome(first.WriteStateAsync(StateName, grain, fromFirst)), Outcome(second.WriteStateAsync(StateName, grain, fromSecond)));

            Assert.Single(outcomes, o => o is null);
            Assert.Single(outcomes, o => o is InconsistentStateException);
            var winner = outcomes[0] is null ? fromFirst : fromSecond;
            var read = await ReadAsync(first, grain);
            Assert.Equal(winner.ETag, read.ETag);
            Assert.Equal(winner.State!.Text, read.State!.Text);
            Assert.Equal(winner.State.Blob, read.State.Blob);
            current = read;
        }

        // The losers removed their chunks and every replaced version's chunks went too: only the head and the winner's chunks remain.
        Assert.Equal(itemsLeft, (await SortKeysAsync(client, options.TableName, PartitionKey(grain))).Count);
    }
}
