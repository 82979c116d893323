using System.Runtime.CompilerServices;

// The reminder table's contract tests read its key layout and lower its page size.
[assembly: InternalsVisibleTo("TDeveloper.Aws.Tests")]
