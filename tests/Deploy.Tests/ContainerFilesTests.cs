using System.Xml.Linq;
using YamlDotNet.RepresentationModel;

namespace TDeveloper.Deploy.Tests;

/// <summary>
/// The container settings of the hosts (deploy/Containers.props and each host's csproj) and deploy/compose.yaml agree with
/// each other and with the hosts' appsettings: image names, the ports each host listens on, non-root, and a stop grace
/// period above the silo's shutdown timeout. The images themselves need their base image from mcr.microsoft.com.
/// </summary>
public sealed class ContainerFilesTests
{
    [Theory]
    [InlineData("Silo", "tdeveloper/silo", new[] { 5080, 5081, 5082, 11111, 30000 })]
    [InlineData("Gateway", "tdeveloper/gateway", new[] { 5090, 5091, 5092 })]
    public void Each_host_is_a_non_root_image_exposing_the_ports_its_settings_listen_on(string host, string repository, int[] ports)
    {
        var project = XDocument.Load(RepositoryFiles.PathOf(host, $"{host}.csproj"));
        var shared = XDocument.Load(RepositoryFiles.PathOf("deploy", "Containers.props"));
        Assert.Equal(repository, project.Descendants("ContainerRepository").Single().Value);
        Assert.Equal("app", shared.Descendants("ContainerUser").Single().Value);
        Assert.Contains("chiseled", shared.Descendants("ContainerBaseImage").Single().Value, StringComparison.Ordinal);
        Assert.Equal(ports, project.Descendants("ContainerPort").Select(p => int.Parse(p.Attribute("Include")!.Value)).Order());

        // The ports in the image's environment are the ones appsettings.json uses locally, on every interface.
        var settings = RepositoryFiles.AppSettings(host);
        var environment = project.Descendants("ContainerEnvironmentVariable").ToDictionary(e => e.Attribute("Include")!.Value, e => e.Attribute("Value")!.Value);
        Assert.Equal(PortOf(settings["Urls"]!), PortOf(environment["Urls"]));
        Assert.Equal(PortOf(settings["TDeveloper:Management:Urls"]!), PortOf(environment["TDeveloper__Management__Urls"]));
        Assert.Equal(PortOf(settings["TDeveloper:Grpc:Urls"]!), PortOf(environment["TDeveloper__Grpc__Urls"]));
    }

    [Fact]
    public void Compose_runs_the_built_images_in_the_aws_mode_and_stops_silos_gracefully()
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(RepositoryFiles.PathOf("deploy", "compose.yaml"))) yaml.Load(reader);
        var services = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["services"];
        var byName = services.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (YamlMappingNode)c.Value);
        Assert.Equal(["dynalite", "gateway", "kinesalite", "silo1", "silo2"], byName.Keys.Order());

        var shutdown = TimeSpan.Parse(RepositoryFiles.AppSettings("Silo")["TDeveloper:Silo:Shutdown:Timeout"]!);
        foreach (var silo in new[] { "silo1", "silo2" })
        {
            Assert.Equal("tdeveloper/silo:latest", Scalar(byName[silo], "image"));
            var grace = TimeSpan.FromSeconds(int.Parse(Scalar(byName[silo], "stop_grace_period").TrimEnd('s')));
            Assert.True(grace > shutdown, $"{silo}: stop_grace_period {grace} must exceed the shutdown timeout {shutdown}");
            Assert.Equal("Aws", Scalar(WithMergedKeys((YamlMappingNode)byName[silo]["environment"]), "TDeveloper__Mode"));
        }

        Assert.Equal("tdeveloper/gateway:latest", Scalar(byName["gateway"], "image"));
    }

    /// <summary>Applies a YAML merge key (<c>&lt;&lt;: *anchor</c>), which YamlDotNet's representation model leaves as a plain key.</summary>
    private static YamlMappingNode WithMergedKeys(YamlMappingNode node)
    {
        var merged = new YamlMappingNode();
        if (node.Children.TryGetValue(new YamlScalarNode("<<"), out var inherited)) foreach (var (key, value) in ((YamlMappingNode)inherited).Children) merged.Add(key, value);
        foreach (var (key, value) in node.Children.Where(c => ((YamlScalarNode)c.Key).Value != "<<")) merged.Children[key] = value;
        return merged;
    }

    private static int PortOf(string url) => new Uri(url.Replace("+", "localhost", StringComparison.Ordinal)).Port;

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;
}
