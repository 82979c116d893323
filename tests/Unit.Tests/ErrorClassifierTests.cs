using System.Net;
using TDeveloper.Grains.Agents;

namespace TDeveloper.Unit.Tests;

public class ErrorClassifierTests
{
    [Fact]
    public void Throttling_timeouts_and_server_errors_are_retryable()
    {
        Assert.True(ErrorClassifier.IsRetryable(new HttpRequestException("x", null, HttpStatusCode.TooManyRequests)));
        Assert.True(ErrorClassifier.IsRetryable(new HttpRequestException("x", null, HttpStatusCode.ServiceUnavailable)));
        Assert.True(ErrorClassifier.IsRetryable(new HttpRequestException("connection refused")));
        Assert.True(ErrorClassifier.IsRetryable(new TimeoutException()));
        Assert.True(ErrorClassifier.IsRetryable(new TaskCanceledException()));
        Assert.True(ErrorClassifier.IsRetryable(new InvalidOperationException("wrapped", new TimeoutException())));
    }

    [Fact]
    public void Client_errors_and_bugs_are_not()
    {
        Assert.False(ErrorClassifier.IsRetryable(new HttpRequestException("x", null, HttpStatusCode.Unauthorized)));
        Assert.False(ErrorClassifier.IsRetryable(new ArgumentException("bad")));
    }
}
