package cli

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"
)

// TestReviewFlags runs review's flag handling through the runF seam: the
// options the flags set, and the usage errors of the combinations it
// refuses, without a project.
func TestReviewFlags(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want func(*reviewOptions) bool
		err  string
	}{
		{name: "ids", args: []string{"-l", "es", "--id", "a,b", "--id", "c", "--reviewer", "Dr. Ruiz"},
			want: func(o *reviewOptions) bool {
				return o.Locale == "es" && slices.Equal(o.IDs, []string{"a", "b", "c"}) && o.Reviewer == "Dr. Ruiz"
			}},
		{name: "doc", args: []string{"--locale", "fr", "--doc", "fever.md", "--reviewer", "x"},
			want: func(o *reviewOptions) bool { return slices.Equal(o.Docs, []string{"fever.md"}) && !o.All }},
		{name: "all with override", args: []string{"-l", "es", "--all", "--reviewer", "x", "--override", "dose checked"},
			want: func(o *reviewOptions) bool { return o.All && o.Override == "dose checked" && !o.Reject }},
		{name: "reject with comment", args: []string{"-l", "es", "--all", "--reviewer", "x", "--reject", "--comment", "too literal"},
			want: func(o *reviewOptions) bool { return o.Reject && o.Comment == "too literal" }},
		{name: "deprecated all-translated", args: []string{"-l", "es", "--all-translated", "--reviewer", "x"},
			want: func(o *reviewOptions) bool { return o.AllTranslated && !o.All }},
		{name: "no locale", args: []string{"--all", "--reviewer", "x"}, err: "--locale is required"},
		{name: "no reviewer", args: []string{"-l", "es", "--all"}, err: "--reviewer is required: approvals record who reviewed"},
		{name: "blank reviewer", args: []string{"-l", "es", "--all", "--reviewer", "  "}, err: "--reviewer is required: approvals record who reviewed"},
		{name: "no pick", args: []string{"-l", "es", "--reviewer", "x"}, err: "give exactly one of --id, --doc or --all"},
		{name: "two picks", args: []string{"-l", "es", "--all", "--id", "a", "--reviewer", "x"}, err: "give exactly one of --id, --doc or --all"},
		{name: "override with reject", args: []string{"-l", "es", "--all", "--reviewer", "x", "--reject", "--override", "y"},
			err: "--override approves; it does not go with --reject"},
		{name: "comment without reject", args: []string{"-l", "es", "--all", "--reviewer", "x", "--comment", "y"},
			err: "--comment goes with --reject"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got *reviewOptions
			var out bytes.Buffer
			io := &IO{Out: &out, ErrOut: &out}
			cmd := newReviewCmd(io, &globalOptions{}, func(_ context.Context, o *reviewOptions) error {
				got = o
				return nil
			})
			cmd.SetArgs(tc.args)
			cmd.SetOut(&out)
			cmd.SetErr(&out)
			cmd.SilenceUsage, cmd.SilenceErrors = true, true
			err := cmd.ExecuteContext(context.Background())
			if tc.err != "" {
				var ee *exitError
				if !errors.As(err, &ee) || ee.code != exitUsage || err.Error() != tc.err {
					t.Fatalf("error %v, want the usage error %q", err, tc.err)
				}
				if got != nil {
					t.Error("run with invalid flags")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got == nil || !tc.want(got) {
				t.Errorf("options %+v", got)
			}
		})
	}
}
