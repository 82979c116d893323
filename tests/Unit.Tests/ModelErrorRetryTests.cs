using System.Net;
using TDeveloper.Grains.Models;

namespace TDeveloper.Unit.Tests;

public class ModelErrorRetryTests
{
    [Fact]
    public void Throttling_timeouts_and_server_errors_are_retryable()
    {
        Assert.True(ModelErrors.IsRetryable(new HttpRequestException("x", null, HttpStatusCode.TooManyRequests)));
        Assert.True(ModelErrors.IsRetryable(new HttpRequestException("x", null, HttpStatusCode.ServiceUnavailable)));
        Assert.True(ModelErrors.IsRetryable(new HttpRequestException("connection refused")));
        Assert.True(ModelErrors.IsRetryable(new TimeoutException()));
        Assert.True(ModelErrors.IsRetryable(new TaskCanceledException()));
        Assert.True(ModelErrors.IsRetryable(new InvalidOperationException("wrapped", new TimeoutException())));
    }

    [Fact]
    public void Client_errors_and_bugs_are_not()
    {
        Assert.False(ModelErrors.IsRetryable(new HttpRequestException("x", null, HttpStatusCode.Unauthorized)));
        Assert.False(ModelErrors.IsRetryable(new ArgumentException("bad")));
    }
}
