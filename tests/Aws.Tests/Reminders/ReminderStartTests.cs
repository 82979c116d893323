using TDeveloper.Aws.Reminders;

namespace TDeveloper.Aws.Tests.Reminders;

[Collection(DynaliteCollection.Name)]
public class ReminderStartTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task Start_refuses_a_missing_table_by_name_unless_it_may_create_it()
    {
        var tableName = "reminders-missing-" + Guid.NewGuid().ToString("N")[..8];

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId(), o =>
        {
            o.TableName = tableName;
            o.CreateIfNotExists = false;
        }));
        Assert.Contains(tableName, refused.Message);

        using var created = await ReminderTestTables.StartAsync(dynalite, ReminderTestTables.NewServiceId(), o => o.TableName = tableName);
        using var client = dynalite.CreateClient();
        var described = await client.DescribeTableAsync(tableName);
        Assert.Equal(["PK", "SK"], described.Table.KeySchema.Select(k => k.AttributeName));
    }

    [Fact]
    public async Task Using_the_table_before_start_is_an_error_that_says_so()
    {
        using var table = new DynamoDBReminderTable(
            dynalite.Configure(new DynamoDBReminderOptions()), "service", Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, DynamoDBClientFactory.Create);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => table.ReadRows(0, 0));
        Assert.Contains(nameof(table.StartAsync), error.Message);
    }

    [Fact]
    public void Default_options_are_valid()
    {
        Assert.True(new DynamoDBReminderOptionsValidator().Validate(null, new DynamoDBReminderOptions()).Succeeded);
        Assert.Equal("TDeveloperReminders", new DynamoDBReminderOptions().TableName);
        Assert.Equal(32, new DynamoDBReminderOptions().Buckets);
        Assert.True(new DynamoDBReminderOptions().ReadLegacyPartition);
    }

    [Theory]
    [InlineData(24, null, "Buckets is 24")]
    [InlineData(2048, null, "Buckets is 2048")]
    [InlineData(0, null, "Buckets is 0")]
    [InlineData(32, 12, "PreviousBuckets is 12")]
    [InlineData(32, 32, "PreviousBuckets equals Buckets")]
    public void Bucket_counts_must_be_powers_of_two_up_to_1024_and_the_previous_one_another(int buckets, int? previous, string problem)
    {
        var result = new DynamoDBReminderOptionsValidator().Validate(null, new DynamoDBReminderOptions { Buckets = buckets, PreviousBuckets = previous });

        Assert.Contains(problem, Assert.Single(result.Failures!));
    }

    [Fact]
    public void The_validator_reports_every_problem_at_once()
    {
        var options = new DynamoDBReminderOptions { TableName = "x", ServiceUrl = "not a url", AccessKey = "key", MaxErrorRetry = -1, QueryPageSize = 0 };

        var result = new DynamoDBReminderOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(5, result.Failures!.Count());
    }
}
