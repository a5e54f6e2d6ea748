using System.Text.Json;
using Chronicle.Core.Validation;
using Microsoft.AspNetCore.Http.Features;

namespace Chronicle.Web.Api;

/// <summary>
/// What every request body must respect before any endpoint or page sees it (docs/security.md, "Input limits"):
/// an API body of at most <c>Chronicle:Api:MaxBodyBytes</c> (4 MB; more is a 413); in a JSON body, no key given twice in
/// one object, no null inside a list, and every text within <see cref="TextLimits"/> for its field, each refusal a 400
/// naming the field by its JSON path; on a page's form, every text within the same limits, refused with a GOV.UK error
/// summary on the error page. A body that is not JSON at all is left to the endpoint, which refuses it by field
/// (ApiExceptionHandler).
/// </summary>
public static class RequestLimits
{
    public const long DefaultMaxBodyBytes = 4 * 1024 * 1024;
    private const int MostErrors = 20;

    /// <summary>The key under which a page's refused form fields are kept for the error page that shows them.</summary>
    public const string RefusedFormFields = "chronicle.refused-form-fields";

    public static void UseRequestLimits(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(c.Request.Method) && !HttpMethods.IsHead(c.Request.Method),
            api => api.Use(CheckAsync));
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api") && HttpMethods.IsPost(c.Request.Method) && c.Request.HasFormContentType
                && !c.Items.ContainsKey(RefusedFormFields),
            pages => pages.Use(CheckFormAsync));
    }

    /// <summary>
    /// A page's form: every field within the limits for its name, before antiforgery or the page read it (ASP.NET
    /// Core's own form reader fails on a NUL or a value over 4 MB, which would otherwise be a 500). A refusal is a 400,
    /// shown by the error page as a GOV.UK error summary naming each field; nothing is handled or saved.
    /// </summary>
    private static async Task CheckFormAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var errors = new List<FieldError>();
        var document = request.Path.StartsWithSegments("/learning/import");
        // The learning pages' services check every text they keep, each within its limits and in the words of its
        // label, together with everything else wrong with the form: here only what the form reader cannot take.
        var checkedByPage = !document && request.Path.StartsWithSegments("/learning");
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            request.EnableBuffering();
            string body;
            using (var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true))
                body = await reader.ReadToEndAsync(context.RequestAborted);
            request.Body.Position = 0;
            CheckFields(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseNullableQuery(body) ?? [], document, checkedByPage, errors);
        }
        else
        {
            try
            {
                CheckFields(await request.ReadFormAsync(context.RequestAborted), document, checkedByPage, errors);
            }
            catch (InvalidDataException)
            {
                // A file upload whose form the reader cannot take: the user's mistake, not the service's.
                errors.Add(new FieldError("file", "The form holds a value too long or with characters Chronicle does not accept"));
            }
        }
        if (errors.Count == 0)
        {
            await next(context);
            return;
        }
        // The error page is shown for the same POST: it must find no form to read.
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        context.Items[RefusedFormFields] = errors;
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    private static async Task CheckAsync(HttpContext context, RequestDelegate next)
    {
        var max = context.RequestServices.GetRequiredService<IConfiguration>().GetValue("Chronicle:Api:MaxBodyBytes", DefaultMaxBodyBytes);
        if (context.Request.ContentLength > max)
        {
            await TooLargeAsync(context, max);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = max + 1;
        var body = new MemoryStream();
        var buffer = new byte[81920];
        var tooLarge = false;
        try
        {
            int read;
            while (!tooLarge && (read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                body.Write(buffer, 0, read);
                tooLarge = body.Length > max;
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server counts against the same limit.
            tooLarge = true;
        }
        if (tooLarge)
        {
            await TooLargeAsync(context, max);
            return;
        }
        var bytes = body.ToArray();
        if (context.Request.HasJsonContentType())
        {
            var errors = Check(bytes, documentImport: context.Request.Path.StartsWithSegments("/api/learning/imports"));
            if (errors.Count > 0)
            {
                await TypedResults.ValidationProblem(ApiResults.Errors(errors), title: ApiResults.ProblemTitle).ExecuteAsync(context);
                return;
            }
        }
        context.Request.Body = new MemoryStream(bytes, writable: false);
        await next(context);
    }

    private static void CheckFields(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> fields, bool document, bool checkedByPage, List<FieldError> errors)
    {
        foreach (var (key, values) in fields)
        {
            if (key is "__RequestVerificationToken" || key.Equals("password", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var value in values)
                if ((checkedByPage ? ReaderProblem(value, key) : TextLimits.Problem(value, TextLimits.KindOf(key, document), TextLimits.Label(key))) is { } problem)
                {
                    errors.Add(new FieldError(key, problem));
                    break;
                }
            if (errors.Count >= MostErrors) break;
        }
    }

    /// <summary>What no page may be given, whatever checks it makes itself: a NUL, or a text longer than a whole document.</summary>
    private static string? ReaderProblem(string? value, string key) =>
        value is not null && (value.Contains('\0', StringComparison.Ordinal) || value.Length > TextLimits.MaxLength(TextKind.Document))
            ? TextLimits.Problem(value, TextKind.Document, TextLimits.Label(key))
            : null;

    private static Task TooLargeAsync(HttpContext context, long max) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large",
            detail: $"Chronicle takes request bodies of up to {max / (1024 * 1024.0):0.#} MB. Send less in one request.").ExecuteAsync(context);

    /// <summary>Everything wrong with a JSON body's keys, lists and texts; empty when nothing is, or when it is not JSON (left to the endpoint).</summary>
    public static IReadOnlyList<FieldError> Check(ReadOnlySpan<byte> json, bool documentImport = false)
    {
        var errors = new List<FieldError>();
        var frames = new Stack<Frame>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (errors.Count < MostErrors && reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        {
                            var top = frames.Peek();
                            var name = reader.GetString()!;
                            if (!top.Keys!.Add(name))
                                errors.Add(new FieldError(Join(top.Path, name), $"'{Shorten(name)}' is given more than once: give each field once"));
                            top.Property = name;
                            break;
                        }
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        frames.Push(new Frame(NextPath(frames), reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        break;
                    case JsonTokenType.Null:
                        {
                            var inList = frames.TryPeek(out var top) && top.IsArray;
                            var path = NextPath(frames);
                            if (inList) errors.Add(new FieldError(path, "A list must not contain null: remove it or give a value"));
                            break;
                        }
                    case JsonTokenType.String:
                        {
                            var path = NextPath(frames);
                            string? value;
                            try
                            {
                                value = reader.GetString();
                            }
                            catch (InvalidOperationException)
                            {
                                errors.Add(new FieldError(path, $"{TextLimits.Label(path)} holds a character that is not valid text"));
                                break;
                            }
                            if (path.Length > 0 && TextLimits.Problem(value, TextLimits.KindOf(path, documentImport), TextLimits.Label(path)) is { } problem)
                                errors.Add(new FieldError(path, problem));
                            break;
                        }
                    default:
                        NextPath(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: the endpoint's binding refuses it, naming where.
            return [];
        }
        return errors;
    }

    /// <summary>The path of the value about to be read, moving a list on to its next item.</summary>
    private static string NextPath(Stack<Frame> frames)
    {
        if (!frames.TryPeek(out var top)) return "";
        if (top.IsArray) return $"{top.Path}[{top.Index++}]";
        return Join(top.Path, top.Property ?? "");
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Shorten(string name) => name.Length <= 60 ? name : name[..60] + "...";

    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;
        public bool IsArray { get; } = isArray;
        public int Index { get; set; }
        public string? Property { get; set; }
        public HashSet<string>? Keys { get; } = isArray ? null : new(StringComparer.Ordinal);
    }
}
