using System.Collections.Immutable;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using TDeveloper.Api.Security.Authorization;
using TDeveloper.Grains.Interfaces.Security;
using TDeveloper.Grains.Interfaces.Workspaces;

namespace TDeveloper.Api;

/// <summary>The workspace routes of a session: list its files, download one, download all as a zip.</summary>
internal static class WorkspaceApi
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static RouteGroupBuilder MapWorkspaceApi(this RouteGroupBuilder v1)
    {
        var workspace = v1.MapGroup("/sessions").WithTags("Workspaces");
        workspace.MapGet("/{id}/workspace", ListAsync).WithName("ListWorkspace")
            .RequirePermission(Permissions.WorkspacesRead, "sessions/{id}/workspace")
            .WithSummary("List the files the session's agents wrote: path, size, SHA-256, when and by which step attempt")
            .ProducesProblem(StatusCodes.Status404NotFound);
        workspace.MapGet("/{id}/workspace/files/{**path}", DownloadFileAsync).WithName("DownloadWorkspaceFile")
            .RequirePermission(Permissions.WorkspacesRead, "sessions/{id}/workspace/files/{path}")
            .WithSummary("Download one workspace file")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        workspace.MapGet("/{id}/workspace.zip", DownloadZipAsync).WithName("DownloadWorkspaceZip")
            .RequirePermission(Permissions.WorkspacesRead, "sessions/{id}/workspace")
            .WithSummary("Download the whole workspace as a zip archive")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    private static async Task<Results<Ok<ImmutableArray<WorkspaceFile>>, ProblemHttpResult>> ListAsync(
        [AsParameters] ResourceTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        await client.ListWorkspaceAsync(target.Tenant, target.Id, cancellationToken) is { } files
            ? TypedResults.Ok(files)
            : ApiResults.NotFound("Session", target.Id);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadFileAsync(
        [AsParameters] ResourceTarget target, string path, ITDeveloperClient client, CancellationToken cancellationToken)
    {
        if (!WorkspacePath.TryNormalize(path, out var normalized, out var error)) return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest);
        if (await client.GetSessionAsync(target.Tenant, target.Id, cancellationToken) is null) return ApiResults.NotFound("Session", target.Id);
        if (await client.ReadWorkspaceFileAsync(target.Tenant, target.Id, normalized, cancellationToken) is not { } file)
            return TypedResults.Problem($"The workspace of session '{target.Id}' has no file '{normalized}'.", statusCode: StatusCodes.Status404NotFound);

        return TypedResults.File(file.Content, ContentTypeOf(file), lastModified: file.File.Modified, entityTag: new EntityTagHeaderValue($"\"{file.File.Hash}\""));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadZipAsync(
        [AsParameters] ResourceTarget target, ITDeveloperClient client, CancellationToken cancellationToken) =>
        await client.GetWorkspaceZipAsync(target.Tenant, target.Id, cancellationToken) is { } zip
            ? TypedResults.File(zip, "application/zip", fileDownloadName: $"{target.Id}-workspace.zip")
            : ApiResults.NotFound("Session", target.Id);

    /// <summary>The type of the file's extension; else UTF-8 text when the content decodes as such (source code mostly), else bytes.</summary>
    private static string ContentTypeOf(WorkspaceFileContent file)
    {
        if (ContentTypes.TryGetContentType(file.File.Path, out var known)) return known;
        try
        {
            return StrictUtf8.GetString(file.Content).Contains('\0') ? "application/octet-stream" : "text/plain; charset=utf-8";
        }
        catch (DecoderFallbackException)
        {
            return "application/octet-stream";
        }
    }
}
