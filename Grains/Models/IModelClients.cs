using Microsoft.Extensions.AI;

namespace TDeveloper.Grains.Models;

/// <summary>The chat client of each catalog model, built once per silo.</summary>
public interface IModelClients
{
    /// <summary>Gets the client of the catalog model <paramref name="modelId"/>.</summary>
    /// <exception cref="KeyNotFoundException">The model is not in the catalog.</exception>
    IChatClient Get(string modelId);
}
