using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using TDeveloper.Grains.Interfaces;
using TDeveloper.Grains.Interfaces.Sessions;
using TDeveloper.Grains.Interfaces.Supervision;

namespace TDeveloper.Unit.Tests;

public class CommandResultTests
{
    private static readonly SessionSnapshot Session = new() { Id = "s-1", Tenant = "acme", Status = SessionStatus.Active };

    [Fact]
    public void A_command_carried_out_has_its_value_and_no_error()
    {
        var result = CommandResult<SessionSnapshot>.Ok(Session);

        Assert.True(result.IsOk);
        Assert.Equal(CommandOutcome.Ok, result.Outcome);
        Assert.Null(result.Error);
        Assert.Same(Session, result.Value);
        Assert.Throws<ArgumentNullException>(() => CommandResult<SessionSnapshot>.Ok(null!));
    }

    [Fact]
    public void A_refusal_has_a_reason_and_may_carry_the_entity_as_it_is()
    {
        var refused = CommandResult<SessionSnapshot>.Refused(CommandOutcome.Conflict, "The session is paused.", Session);

        Assert.False(refused.IsOk);
        Assert.Equal("The session is paused.", refused.Error);
        Assert.Same(Session, refused.Value);
        Assert.Null(CommandResult<SessionSnapshot>.Refused(CommandOutcome.NotFound, "missing").Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => CommandResult<SessionSnapshot>.Refused(CommandOutcome.Ok, "fine"));
        Assert.Throws<ArgumentException>(() => CommandResult<SessionSnapshot>.Refused(CommandOutcome.Invalid, " "));
    }

    [Fact]
    public void Results_cross_the_wire_by_their_alias()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer<object>>();
        var submitted = CommandResult<SubmittedRequest>.Ok(new SubmittedRequest { WorkflowId = "w-1", Plan = new ExecutionPlan { Rationale = "code" } });
        var refused = CommandResult<SessionSnapshot>.Refused(CommandOutcome.Conflict, "The session has ended.", Session);

        Assert.Equal(submitted, serializer.Deserialize(serializer.SerializeToArray(submitted)));
        Assert.Equal(refused, serializer.Deserialize(serializer.SerializeToArray(refused)));
    }
}
