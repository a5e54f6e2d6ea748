using System.Globalization;

namespace Chronicle.Core.Validation;

/// <summary>What a text field holds, which decides how long it may be and which characters it may contain.</summary>
public enum TextKind
{
    /// <summary>A person's, agency's, team's or household's name, a title: one line, no control or direction characters.</summary>
    Name,
    /// <summary>An identifier or code (NHS number, postcode, issuer, idempotency key, a kind or key): one line, no control or direction characters.</summary>
    Identifier,
    /// <summary>An email address: one line.</summary>
    Email,
    /// <summary>A reason or a short comment: line breaks allowed.</summary>
    Reason,
    /// <summary>An address: line breaks allowed.</summary>
    Address,
    /// <summary>A narrative, a summary, a discussion or any other text: line breaks allowed.</summary>
    FreeText,
    /// <summary>A whole learning document pasted for import.</summary>
    Document,
}

/// <summary>
/// The limits on every text Chronicle takes, by field (docs/security.md has the table): a longest length per kind of
/// field, and characters refused. No text may hold a control character other than a line break or tab (NUL, the unit
/// separator, escape...), or half of a surrogate pair; a name or an identifier is one line and may not hold a
/// character that changes the direction of the text around it (the bidirectional embeddings, overrides, isolates and
/// marks), with which a name can be made to read as someone else's.
/// </summary>
public static class TextLimits
{
    public static int MaxLength(TextKind kind) => kind switch
    {
        TextKind.Name => 200,
        TextKind.Identifier => 100,
        TextKind.Email => 254,
        TextKind.Reason => 2_000,
        TextKind.Address => 500,
        TextKind.FreeText => 20_000,
        TextKind.Document => 1_000_000,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static readonly Dictionary<string, TextKind> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        // Names and titles
        ["name"] = TextKind.Name, ["givenName"] = TextKind.Name, ["familyName"] = TextKind.Name, ["knownAs"] = TextKind.Name,
        ["displayName"] = TextKind.Name, ["title"] = TextKind.Name, ["sourceName"] = TextKind.Name, ["childName"] = TextKind.Name,
        ["agencyName"] = TextKind.Name, ["personName"] = TextKind.Name, ["ownerName"] = TextKind.Name, ["referrerName"] = TextKind.Name,
        ["jobTitle"] = TextKind.Name, ["leadReviewer"] = TextKind.Name, ["area"] = TextKind.Name, ["localAuthority"] = TextKind.Name,
        ["role"] = TextKind.Name, ["sourceDocument"] = TextKind.Name, ["userName"] = TextKind.Name,
        // Who someone is, typed as a name: who gave an explanation, who an action is handed on to, an action's owner.
        ["givenByName"] = TextKind.Name, ["explanationGivenBy"] = TextKind.Name, ["to"] = TextKind.Name, ["owner"] = TextKind.Name,
        // Identifiers and codes
        ["kind"] = TextKind.Identifier, ["value"] = TextKind.Identifier, ["issuer"] = TextKind.Identifier, ["nhsNumber"] = TextKind.Identifier,
        ["postcode"] = TextKind.Identifier, ["code"] = TextKind.Identifier, ["key"] = TextKind.Identifier, ["idempotencyKey"] = TextKind.Identifier,
        ["safeguardId"] = TextKind.Identifier, ["safeguardIds"] = TextKind.Identifier, ["number"] = TextKind.Identifier,
        ["findingNumber"] = TextKind.Identifier, ["themes"] = TextKind.Identifier, ["themeCodes"] = TextKind.Identifier,
        ["causeKey"] = TextKind.Identifier, ["removeKey"] = TextKind.Identifier, ["type"] = TextKind.Identifier, ["status"] = TextKind.Identifier,
        ["source"] = TextKind.Identifier, ["sharingLevel"] = TextKind.Identifier, ["significance"] = TextKind.Identifier,
        ["dateOfBirth"] = TextKind.Identifier,
        // Email
        ["email"] = TextKind.Email,
        // Reasons and short comments
        ["reason"] = TextKind.Reason, ["correctionReason"] = TextKind.Reason, ["apologyReason"] = TextKind.Reason, ["delayReason"] = TextKind.Reason,
        ["handOnReason"] = TextKind.Reason, ["notInvitedReason"] = TextKind.Reason, ["outcomeReason"] = TextKind.Reason,
        ["exceededReason"] = TextKind.Reason, ["rationale"] = TextKind.Reason, ["decisionRationale"] = TextKind.Reason,
        ["comment"] = TextKind.Reason, ["note"] = TextKind.Reason,
        // Addresses
        ["address"] = TextKind.Address, ["previousAddress"] = TextKind.Address, ["newAddress"] = TextKind.Address,
    };

    /// <summary>
    /// The kind of a field, by its name (the last part of a path such as "members[0].personId" or "details.childName");
    /// a field not named here is free text. A learning document's text is a document.
    /// </summary>
    public static TextKind KindOf(string field, bool documentImport = false)
    {
        var name = field[(field.LastIndexOf('.') + 1)..];
        var open = name.IndexOf('[', StringComparison.Ordinal);
        if (open >= 0) name = name[..open];
        if (documentImport && name.Equals("text", StringComparison.OrdinalIgnoreCase)) return TextKind.Document;
        return Fields.GetValueOrDefault(name, TextKind.FreeText);
    }

    /// <summary>What is wrong with a text, in words for the user, or null when nothing is.</summary>
    public static string? Problem(string? value, TextKind kind, string label)
    {
        if (value is null) return null;
        var max = MaxLength(kind);
        if (value.Length > max) return $"{label} must be {max.ToString("N0", CultureInfo.InvariantCulture)} characters or fewer";
        var oneLine = kind is TextKind.Name or TextKind.Identifier or TextKind.Email;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return $"{label} holds a character that is not valid text";
            if (c is '\n' or '\r' or '\t')
            {
                if (oneLine) return $"{label} must be on one line";
                continue;
            }
            if (char.IsControl(c)) return $"{label} must not contain control characters";
            if (oneLine && IsDirectionControl(c)) return $"{label} must not contain characters that change the direction of text";
        }
        return null;
    }

    /// <summary>The bidirectional formatting characters: marks, embeddings, overrides and isolates.</summary>
    public static bool IsDirectionControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';

    /// <summary>"givenName" and "members[0].givenName" become "The given name"; used to name the field in the message.</summary>
    public static string Label(string field)
    {
        var name = field[(field.LastIndexOf('.') + 1)..];
        var open = name.IndexOf('[', StringComparison.Ordinal);
        if (open > 0) name = name[..open];
        var words = string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
        return "The " + words;
    }
}
