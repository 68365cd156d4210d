package catalog

// KeyOf is the NormKey of a text: equal for texts that Normalize makes
// equal, and what SourceMsg.Norm holds for a source text.
func KeyOf(text string) NormKey { return normKey(text) }

// Unquote decodes a TOML basic string as Quote writes it, "…" with
// escapes and nothing after it; ok is false for anything else.
func Unquote(q []byte) (string, bool) { return unquote(q) }
