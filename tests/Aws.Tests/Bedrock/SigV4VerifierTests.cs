namespace TDeveloper.Aws.Tests.Bedrock;

/// <summary>The test's own SigV4 check agrees with AWS's published test suite, so its verdicts on the client can be trusted.</summary>
public class SigV4VerifierTests
{
    private static readonly SigV4Verifier.Scope VanillaScope = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "service");

    private static Dictionary<string, string> VanillaHeaders(string signature) => new()
    {
        ["Host"] = "example.amazonaws.com",
        ["X-Amz-Date"] = "20150830T123600Z",
        ["Authorization"] = $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature={signature}",
    };

    [Fact]
    public void The_get_vanilla_example_of_the_AWS_test_suite_is_accepted()
    {
        var problem = SigV4Verifier.Problem(VanillaScope, "GET", "/", VanillaHeaders("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), []);

        Assert.Null(problem);
    }

    [Fact]
    public void A_changed_request_or_signature_is_refused()
    {
        var good = VanillaHeaders("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");

        Assert.NotNull(SigV4Verifier.Problem(VanillaScope, "GET", "/", VanillaHeaders("0fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), []));
        Assert.NotNull(SigV4Verifier.Problem(VanillaScope, "POST", "/", good, []));
        Assert.NotNull(SigV4Verifier.Problem(VanillaScope, "GET", "/other", good, []));
        Assert.NotNull(SigV4Verifier.Problem(VanillaScope, "GET", "/", new Dictionary<string, string>(good) { ["Host"] = "evil.example.com" }, []));
        Assert.NotNull(SigV4Verifier.Problem(VanillaScope with { SecretKey = "other" }, "GET", "/", good, []));
        Assert.NotNull(SigV4Verifier.Problem(VanillaScope with { Region = "eu-west-1" }, "GET", "/", good, []));
    }
}
