using TDeveloper.Client;
using TDeveloper.Samples.Worker;

// Embedded by default: an Orleans client of the local silo (127.0.0.1:30000).
// Remote: set TDeveloper__Remote__BaseAddress=http://localhost:5080/ and TDeveloper__Remote__ApiKey=tdk_...
var builder = Host.CreateApplicationBuilder(args);
var remote = builder.Configuration.GetSection(TDeveloperRemoteClientOptions.SectionName);
if (remote["BaseAddress"] is { Length: > 0 }) builder.Services.AddTDeveloperRemoteClient(remote);
else builder.Services.AddTDeveloperClient(builder.Configuration.GetSection(TDeveloperClientOptions.SectionName));
builder.Services.AddHostedService<RequestWorker>();
builder.Build().Run();
