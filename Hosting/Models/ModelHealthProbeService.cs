using Microsoft.Extensions.Options;
using TDeveloper.Grains.Models.Routing;

namespace TDeveloper.Hosting.Models;

/// <summary>Runs the <see cref="ModelHealthProbe"/> every <see cref="ModelHealthOptions.ProbeInterval"/> on each silo.</summary>
internal sealed class ModelHealthProbeService(ModelHealthProbe probe, IOptions<ModelHealthOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ProbeInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await probe.ProbeDueAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
