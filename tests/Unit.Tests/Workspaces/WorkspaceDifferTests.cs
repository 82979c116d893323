using System.IO.Compression;
using System.Text;
using TDeveloper.Grains.Interfaces.Workspaces;
using TDeveloper.Grains.Workspaces;

namespace TDeveloper.Unit.Tests.Workspaces;

public class WorkspaceDifferTests
{
    [Fact]
    public void A_changed_line_shows_as_removed_and_added_in_a_hunk_with_context()
    {
        var current = "one\ntwo\nthree\nfour\n";
        var proposed = "one\ntwo\nTHREE\nfour\n";

        var diff = WorkspaceDiffer.Unified("src/a.txt", current, proposed);

        Assert.Contains("--- a/src/a.txt", diff);
        Assert.Contains("+++ b/src/a.txt", diff);
        Assert.Contains("@@ -1,4 +1,4 @@", diff);
        Assert.Contains("\n-three", diff);
        Assert.Contains("\n+THREE", diff);
        Assert.Contains("\n two", diff);
    }

    [Fact]
    public void A_new_file_diffs_from_dev_null()
    {
        var diff = WorkspaceDiffer.Unified("docs/x.md", null, "hello\n");

        Assert.Contains("--- /dev/null", diff);
        Assert.Contains("@@ -0,0 +1,1 @@\n+hello", diff);
    }

    [Fact]
    public void A_difference_in_the_final_newline_alone_is_said()
    {
        var diff = WorkspaceDiffer.Unified("a", "x\n", "x");

        Assert.Contains("Only the final newline differs", diff);
    }

    [Fact]
    public void Equal_texts_have_no_diff() => Assert.Equal("", WorkspaceDiffer.Unified("a", "same\n", "same\n"));

    [Fact]
    public void The_zip_has_one_entry_per_file_with_its_content()
    {
        var modified = new DateTimeOffset(2026, 1, 2, 3, 4, 6, TimeSpan.Zero);
        var zip = WorkspaceZip.Create(
        [
            new WorkspaceFileContent { File = new WorkspaceFile { Path = "src/A.cs", Modified = modified }, Content = Encoding.UTF8.GetBytes("class A {}") },
            new WorkspaceFileContent { File = new WorkspaceFile { Path = "docs/a.md" }, Content = [] },
        ]);

        using var archive = new ZipArchive(new MemoryStream(zip));
        Assert.Equal(["src/A.cs", "docs/a.md"], archive.Entries.Select(e => e.FullName));
        using var reader = new StreamReader(archive.GetEntry("src/A.cs")!.Open());
        Assert.Equal("class A {}", reader.ReadToEnd());
        Assert.Equal(0, archive.GetEntry("docs/a.md")!.Length);
    }
}
