namespace TDeveloper.Grains.Workflows;

/// <summary>Which index shard holds a workflow: a stable hash (FNV-1a) of its key, so every silo agrees.</summary>
public static class WorkflowIndex
{
    /// <summary>Gets the shard of <paramref name="workflowKey"/> among <paramref name="shards"/>.</summary>
    public static long ShardOf(string workflowKey, int shards)
    {
        var hash = 2166136261u;
        foreach (var c in workflowKey)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash % (uint)shards;
    }
}
