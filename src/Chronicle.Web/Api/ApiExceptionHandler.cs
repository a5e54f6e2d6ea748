using System.Text.Json;
using System.Text.RegularExpressions;
using Chronicle.Core.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Chronicle.Web.Api;

/// <summary>
/// Turns what goes wrong in an API request into ProblemDetails that reveal nothing internal: a body that is not
/// JSON, or has a value of the wrong type, is a 400 naming the field (from the JSON path); anything else is a 500.
/// Page requests fall through to the error page.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var context = httpContext;
        // The middleware has already pointed the request at the error page: the feature keeps the original path.
        var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path;
        if (!path.StartsWith("/api", StringComparison.OrdinalIgnoreCase)) return false;
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            var errors = exception.InnerException is JsonException json ? FromJson(json) : [new FieldError("body", Explain(bad))];
            problem = new HttpValidationProblemDetails(ApiResults.Errors(errors)) { Title = ApiResults.ProblemTitle, Status = StatusCodes.Status400BadRequest };
            // The path and line, never the value: bodies hold personal data.
            logger.LogInformation("Refused an unreadable request body at {Fields}", string.Join(", ", errors.Select(e => e.Field)));
        }
        else
        {
            problem = new ProblemDetails { Title = "Sorry, there is a problem with the service", Status = StatusCodes.Status500InternalServerError };
            logger.LogError(exception, "Unhandled error in {Method} {Path}", context.Request.Method, path);
        }
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The fields a JSON error concerns, in the same paths the services use ("identifiers[0].value").</summary>
    public static IReadOnlyList<FieldError> FromJson(JsonException ex)
    {
        var message = ex.Message;
        var path = ex.Path is { Length: > 1 } p ? p.TrimStart('$').TrimStart('.') : "";
        var missing = message.IndexOf("missing required properties", StringComparison.Ordinal);
        if (missing >= 0)
        {
            var names = Quoted().Matches(message[missing..]).Select(m => m.Groups[1].Value).ToList();
            if (names.Count > 0) return [.. names.Select(n => new FieldError(Join(path, n), $"Enter the {Words(n)}"))];
        }
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var name = Quoted().Match(message).Groups[1].Value;
            var field = path.EndsWith(name, StringComparison.Ordinal) ? path : Join(path, name);
            return [new FieldError(field, $"'{name}' is not something Chronicle records here: remove it or check its spelling")];
        }
        if (path.Length == 0) return [new FieldError("body", "Send the request as a JSON object")];
        var last = path[(path.LastIndexOfAny(['.', ']']) + 1)..];
        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("non-nullable", StringComparison.OrdinalIgnoreCase))
            return [new FieldError(path, $"Enter the {Words(last)}")];
        return [new FieldError(path, $"The {Words(last.Length == 0 ? path : last)} is not in a form Chronicle understands")];
    }

    private static string Explain(BadHttpRequestException ex) =>
        ex.Message.Contains("body", StringComparison.OrdinalIgnoreCase) ? "Send the request as a JSON object" : "The request is not in a form Chronicle understands";

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Words(string camel) => string.Concat(camel.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : c.ToString()));

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();
}
