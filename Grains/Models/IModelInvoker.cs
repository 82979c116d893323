namespace TDeveloper.Grains.Models;

/// <summary>Makes a model call the way the catalog says: routes it, falls back along a chain, respects quotas and accounts for it.</summary>
public interface IModelInvoker
{
    /// <summary>Answers <paramref name="request"/>.</summary>
    /// <exception cref="Interfaces.Models.ModelCallException">Every model that could take the request failed; the last failure is thrown.</exception>
    Task<ModelReply> InvokeAsync(ModelRequest request, CancellationToken cancellationToken);
}
