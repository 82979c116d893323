using TDeveloper.Grains.Interfaces.Workspaces;

namespace TDeveloper.Unit.Tests.Workspaces;

public class WorkspacePathTests
{
    [Theory]
    [InlineData("src/LoginService.cs", "src/LoginService.cs")]
    [InlineData("./docs//design/login.md", "docs/design/login.md")]
    [InlineData("src\\win\\path.cs", "src/win/path.cs")]
    [InlineData("a/./b/", "a/b")]
    [InlineData(".gitignore", ".gitignore")]
    [InlineData("docs/naïve café.md", "docs/naïve café.md")]
    public void Valid_paths_are_normalised(string path, string expected) => Assert.Equal(expected, WorkspacePath.Normalize(path));

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("   ", "must not be empty")]
    [InlineData("/etc/passwd", "must be relative")]
    [InlineData("\\\\server\\share", "must be relative")]
    [InlineData("C:/windows", "must be relative")]
    [InlineData("../secrets", "may not contain '..'")]
    [InlineData("src/../../x", "may not contain '..'")]
    [InlineData("a/\u0001b", "control characters")]
    [InlineData("a\nb", "control characters")]
    [InlineData("a/b:c", "not allowed")]
    [InlineData("a/b?", "not allowed")]
    [InlineData("./", "must name a file")]
    [InlineData("a/b./c", "may not end with '.'")]
    public void Invalid_paths_are_refused_saying_why(string path, string reason)
    {
        Assert.False(WorkspacePath.TryNormalize(path, out var normalized, out var error));
        Assert.Null(normalized);
        Assert.Contains(reason, error);
        Assert.Contains(reason, Assert.Throws<ArgumentException>(() => WorkspacePath.Normalize(path)).Message);
    }

    [Fact]
    public void Paths_are_bounded_in_length()
    {
        Assert.True(WorkspacePath.TryNormalize(string.Join('/', Enumerable.Repeat(new string('a', 127), 2)), out _, out _));
        Assert.False(WorkspacePath.TryNormalize(new string('a', WorkspacePath.MaxLength + 1), out _, out var tooLong));
        Assert.Contains($"at most {WorkspacePath.MaxLength}", tooLong);
        Assert.False(WorkspacePath.TryNormalize(new string('a', WorkspacePath.MaxSegmentLength + 1), out _, out var longSegment));
        Assert.Contains("segment is longer", longSegment);
    }
}
