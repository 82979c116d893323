using TDeveloper.Client;
using TDeveloper.Grains.Interfaces.Events;

namespace TDeveloper.Samples.Worker;

/// <summary>Starts a session, submits one request, prints its events as they come and then its result, and stops the host.</summary>
public sealed class RequestWorker(TDeveloperHandles client, IConfiguration configuration, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var session = await client.Sessions.StartAsync(new() { Owner = "sample-worker", Title = "worker sample" }, stoppingToken);
            var workflow = await session.SubmitAsync(configuration["Request"] ?? "write a function that adds two numbers, with tests", stoppingToken);
            Console.WriteLine($"session {session.Id}: workflow {workflow.Id} {workflow.Submitted?.Status}");

            using var watching = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var printer = PrintAsync(session, workflow.Id, watching.Token);
            try
            {
                var result = await workflow.ResultAsync(stoppingToken);
                foreach (var step in result.Steps) Console.WriteLine($"{step.Id} ({step.Agent}): {step.Status}\n{step.Output}");
            }
            finally
            {
                await watching.CancelAsync();
                await printer;
            }

            await session.EndAsync(cancellationToken: stoppingToken);
        }
        catch (TDeveloperException failure)
        {
            Console.Error.WriteLine($"{failure.GetType().Name}: {failure.Message}");
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }

    private static async Task PrintAsync(SessionHandle session, string workflowId, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in session.WatchAsync(0, cancellationToken))
            {
                if (e.Kind is not SessionEventKind.StepOutputDelta && e.WorkflowId == workflowId)
                    Console.WriteLine($"#{e.Sequence} {e.Kind} {e.StepId} {e.Status}");
            }
        }
        catch (OperationCanceledException)
        {
            // the result has arrived
        }
    }
}
