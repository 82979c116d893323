using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using TDeveloper.Grains.Interfaces.Models;

namespace TDeveloper.Models.Tests;

/// <summary>A provider's tests: a stub of its wire format, and the model services built over a one-model catalog that points at it.</summary>
public abstract class ProviderTests : IAsyncLifetime
{
    protected StubServer Server { get; private set; } = null!;

    protected ServiceProvider Services { get; private set; } = null!;

    /// <summary>Gets the catalog entry's settings (without its id) for a stub listening at <paramref name="stub"/>.</summary>
    protected abstract Dictionary<string, string?> EntryFor(Uri stub);

    public async Task InitializeAsync()
    {
        Server = await StubServer.StartAsync();
        Services = ModelHost.Build(EntryFor(Server.Url));
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Server.DisposeAsync();
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_unavailable_and_retryable()
    {
        await Server.DisposeAsync();

        var error = await Assert.ThrowsAsync<ModelCallException>(() => Services.ChatClient().GetResponseAsync(ModelHost.Question, ModelHost.Options()));

        Assert.Equal(ModelErrorKind.Unavailable, error.Kind);
        Assert.True(error.IsRetryable);
    }
}
