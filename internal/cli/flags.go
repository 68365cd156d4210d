package cli

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// enumValue is a string flag that takes one of a fixed list of values.
// The list shows in --help (as the flag's type), in the error for any
// other value, and in shell completion: newRootCmd registers a completion
// for every flag whose value has allowedValues.
type enumValue struct {
	p       *string
	allowed []string
}

// enumVar defines an enum flag; def must be one of allowed.
func enumVar(f *pflag.FlagSet, p *string, name, shorthand, def, usage string, allowed ...string) {
	*p = def
	f.VarP(&enumValue{p: p, allowed: allowed}, name, shorthand, usage)
}

func (e *enumValue) String() string { return *e.p }
func (e *enumValue) Type() string   { return strings.Join(e.allowed, "|") }

func (e *enumValue) Set(s string) error {
	if !slices.Contains(e.allowed, s) {
		return fmt.Errorf("must be %s", oneOf(e.allowed))
	}
	*e.p = s
	return nil
}

func (e *enumValue) allowedValues() []string { return e.allowed }

// enumSliceValue is a list flag, comma-separated or repeated, whose
// items each take one of a fixed list of values.
type enumSliceValue struct {
	p       *[]string
	allowed []string
	changed bool
}

// enumSliceVar defines an enum list flag.
func enumSliceVar(f *pflag.FlagSet, p *[]string, name, shorthand string, def []string, usage string, allowed ...string) {
	*p = def
	f.VarP(&enumSliceValue{p: p, allowed: allowed}, name, shorthand, usage)
}

func (e *enumSliceValue) String() string { return strings.Join(*e.p, ",") }
func (e *enumSliceValue) Type() string   { return strings.Join(e.allowed, ",") }

// Set takes one occurrence of the flag: the first replaces the default,
// later ones add to it.
func (e *enumSliceValue) Set(s string) error {
	var items []string
	for item := range strings.SplitSeq(s, ",") {
		item = strings.TrimSpace(item)
		if !slices.Contains(e.allowed, item) {
			return fmt.Errorf("%q: each item must be %s", item, oneOf(e.allowed))
		}
		items = append(items, item)
	}
	if !e.changed {
		*e.p = nil
		e.changed = true
	}
	*e.p = append(*e.p, items...)
	return nil
}

func (e *enumSliceValue) allowedValues() []string { return e.allowed }

// enumFlag is what enum flags have in common, for help and completion.
type enumFlag interface {
	allowedValues() []string
}

// completeEnum completes an enum flag's value; for a list flag, the item
// after the last comma.
func completeEnum(v pflag.Value, allowed []string) cobra.CompletionFunc {
	_, list := v.(*enumSliceValue)
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if !list {
			return allowed, cobra.ShellCompDirectiveNoFileComp
		}
		prefix := ""
		if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
			prefix = toComplete[:i+1]
		}
		have := strings.Split(prefix, ",")
		var out []cobra.Completion
		for _, a := range allowed {
			if !slices.Contains(have, a) {
				out = append(out, prefix+a)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

// completeEnums registers the completion of every enum flag of c.
func completeEnums(c *cobra.Command) {
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if e, ok := f.Value.(enumFlag); ok {
			c.RegisterFlagCompletionFunc(f.Name, completeEnum(f.Value, e.allowedValues()))
		}
	})
}

// oneOf lists values for a message: "a", "a or b", "one of a, b or c".
func oneOf(values []string) string {
	switch len(values) {
	case 1:
		return values[0]
	case 2:
		return values[0] + " or " + values[1]
	}
	return "one of " + strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}

// numberValue is a float flag with a range, so that a value out of it,
// or not a number, is a usage error that says what the flag takes.
type numberValue struct {
	p        *float64
	min, max float64
	// above excludes min itself.
	above bool
}

// percentVar defines a flag taking a percentage, 0 to 100.
func percentVar(f *pflag.FlagSet, p *float64, name string, def float64, usage string) {
	*p = def
	f.Var(&numberValue{p: p, max: 100}, name, usage)
}

// fractionVar defines a flag taking a number above 0 and at most 1.
func fractionVar(f *pflag.FlagSet, p *float64, name string, def float64, usage string) {
	*p = def
	f.Var(&numberValue{p: p, max: 1, above: true}, name, usage)
}

func (n *numberValue) String() string { return strconv.FormatFloat(*n.p, 'g', -1, 64) }
func (n *numberValue) Type() string   { return "number" }

func (n *numberValue) Set(s string) error {
	v, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
	if err != nil || v < n.min || v > n.max || (n.above && v == n.min) {
		return fmt.Errorf("must be %s", n.accepts())
	}
	*n.p = v
	return nil
}

func (n *numberValue) accepts() string {
	g := func(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }
	if n.above {
		return fmt.Sprintf("a number above %s and at most %s", g(n.min), g(n.max))
	}
	return fmt.Sprintf("a number from %s to %s", g(n.min), g(n.max))
}

// closestFlag is the flag of cmd a mistyped name most likely meant, or "".
func closestFlag(cmd *cobra.Command, typed string) string {
	best, bestDist := "", 3 // at most 2 edits away, or a prefix
	visit := func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		d := levenshtein(strings.ToLower(typed), f.Name)
		if strings.HasPrefix(f.Name, typed) && len(typed) >= 3 {
			d = min(d, 1)
		}
		if d < bestDist || (d == bestDist && best != "" && f.Name < best) {
			best, bestDist = f.Name, d
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	return best
}

// levenshtein is the edit distance between a and b, in bytes: flag names
// are ASCII.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
