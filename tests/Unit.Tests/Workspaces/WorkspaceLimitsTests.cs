using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Workspaces;
using TDeveloper.Grains.Options;
using TDeveloper.Grains.Workspaces;

namespace TDeveloper.Unit.Tests.Workspaces;

public class WorkspaceLimitsTests
{
    private static readonly WorkspaceOptions Limits = new() { MaxFileBytes = 100, MaxTotalBytes = 250, MaxFiles = 3 };

    [Fact]
    public void A_write_within_every_limit_fits() =>
        Assert.Null(WorkspaceLimits.RefusalFor(Files(("a", 100), ("b", 100)), "c", 50, Limits));

    [Fact]
    public void A_file_over_the_file_limit_is_invalid_and_names_the_setting()
    {
        var refusal = WorkspaceLimits.RefusalFor(Files(), "big.bin", 101, Limits);

        Assert.Equal(CommandOutcome.Invalid, refusal?.Outcome);
        Assert.Contains("MaxFileBytes", refusal?.Error);
    }

    [Fact]
    public void A_new_file_beyond_the_count_conflicts_but_replacing_one_fits()
    {
        var full = Files(("a", 1), ("b", 1), ("c", 1));

        Assert.Equal(CommandOutcome.Conflict, WorkspaceLimits.RefusalFor(full, "d", 1, Limits)?.Outcome);
        Assert.Contains("MaxFiles", WorkspaceLimits.RefusalFor(full, "d", 1, Limits)?.Error);
        Assert.Null(WorkspaceLimits.RefusalFor(full, "a", 50, Limits));
    }

    [Fact]
    public void The_total_counts_a_replaced_file_once()
    {
        var files = Files(("a", 100), ("b", 100));

        Assert.Equal(CommandOutcome.Conflict, WorkspaceLimits.RefusalFor(files, "c", 51, Limits)?.Outcome);
        Assert.Contains("MaxTotalBytes", WorkspaceLimits.RefusalFor(files, "c", 51, Limits)?.Error);
        Assert.Null(WorkspaceLimits.RefusalFor(files, "c", 50, Limits));
        Assert.Null(WorkspaceLimits.RefusalFor(files, "a", 100, Limits));
    }

    private static Dictionary<string, WorkspaceFile> Files(params (string Path, long Size)[] files) =>
        files.ToDictionary(f => f.Path, f => new WorkspaceFile { Path = f.Path, Size = f.Size, Hash = f.Path });
}
