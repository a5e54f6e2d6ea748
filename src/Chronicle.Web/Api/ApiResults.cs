using Chronicle.Core.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chronicle.Web.Api;

/// <summary>How the API answers: a refusal is a 400 whose errors are keyed by the wrong field's path.</summary>
public static class ApiResults
{
    public const string ProblemTitle = "There is a problem";

    public static ValidationProblem Refused(IEnumerable<FieldError> errors) =>
        TypedResults.ValidationProblem(Errors(errors), title: ProblemTitle);

    public static ValidationProblem Refused(string field, string message) => Refused([new FieldError(field, message)]);

    public static Dictionary<string, string[]> Errors(IEnumerable<FieldError> errors) =>
        errors.GroupBy(e => e.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToArray(), StringComparer.Ordinal);

    /// <summary>A created thing, or the refusal.</summary>
    public static Results<Created<TResponse>, ValidationProblem> Created<T, TResponse>(Outcome<T> outcome, Func<T, string> location, Func<T, TResponse> response) =>
        outcome.Succeeded ? TypedResults.Created(location(outcome.Value!), response(outcome.Value!)) : Refused(outcome.Errors);
}
