using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace TDeveloper.Aws.Tests.Reminders;

/// <summary>A client that forwards every call to a real one and records the operation names, so tests see which requests a table makes.</summary>
public class RecordingDynamoDB : DispatchProxy
{
    private IAmazonDynamoDB _inner = null!;

    /// <summary>Gets the names of the client methods called, in order.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Gets the partition keys the <c>QueryAsync</c> calls named, in order.</summary>
    public ConcurrentQueue<string> QueriedPartitions { get; } = new();

    /// <summary>Gets how many calls were <c>QueryAsync</c>.</summary>
    public int Queries => Calls.Count(call => call == nameof(IAmazonDynamoDB.QueryAsync));

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public static RecordingDynamoDB Wrap(IAmazonDynamoDB inner, out IAmazonDynamoDB client)
    {
        client = Create<IAmazonDynamoDB, RecordingDynamoDB>();
        var recorder = (RecordingDynamoDB)(object)client;
        recorder._inner = inner;
        return recorder;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        Calls.Enqueue(targetMethod!.Name);
        if (args is [QueryRequest query, ..]) QueriedPartitions.Enqueue(query.ExpressionAttributeValues[":pk"].S);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
