package catalog

// KeyOf is the NormKey of a text: equal for texts that Normalize makes
// equal, and what SourceMsg.Norm holds for a source text.
func KeyOf(text string) NormKey { return normKey(text) }
