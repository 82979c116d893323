using System.ClientModel;
using System.Net;
using TDeveloper.Grains.Interfaces.Models;
using TDeveloper.Grains.Models;

namespace TDeveloper.Models.Tests;

/// <summary>The provider-neutral parts of error mapping: Retry-After in its forms, and SDK errors without an HTTP answer.</summary>
public sealed class ModelErrorsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Retry_after_in_milliseconds_wins_over_seconds()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", "2");
        response.Headers.TryAddWithoutValidation("retry-after-ms", "250");

        Assert.Equal(TimeSpan.FromMilliseconds(250), ModelErrors.RetryAfterOf(response.Headers, Now));
    }

    [Fact]
    public void Retry_after_as_an_http_date_is_the_time_until_it()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", Now.AddSeconds(30).ToString("r"));

        Assert.Equal(TimeSpan.FromSeconds(30), ModelErrors.RetryAfterOf(response.Headers, Now));
    }

    [Fact]
    public void No_retry_after_is_null()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.InternalServerError);

        Assert.Null(ModelErrors.RetryAfterOf(response.Headers, Now));
    }

    [Fact]
    public void An_sdk_error_without_an_http_answer_is_classified_by_its_cause()
    {
        // The OpenAI SDK reports a failed connection as a ClientResultException of status 0.
        var error = new ClientResultException("connection refused", response: null, innerException: new HttpRequestException("connection refused"));

        var classified = ModelErrors.Classify(error, ModelProviders.OpenAI, "gpt-test");

        Assert.Equal(ModelErrorKind.Unavailable, classified.Kind);
        Assert.True(classified.IsRetryable);
    }
}
