package qa

import "testing"

func TestCountOfFails(t *testing.T) {
	accepted := &Acceptance{Reviewer: "ana", Reason: "the formulary says so"}
	fs := []Finding{
		{Issue: Issue{Severity: Error}},
		{Issue: Issue{Severity: Error}, Accepted: accepted},
		{Issue: Issue{Severity: Warning}},
		{Issue: Issue{Severity: Warning}, Accepted: accepted},
		{Issue: Issue{Severity: Warning}},
	}
	if got, want := CountOf(fs), (Counts{Errors: 1, Warnings: 2, Accepted: 2}); got != want {
		t.Fatalf("CountOf = %+v, want %+v", got, want)
	}
	for _, tc := range []struct {
		c      Counts
		failOn Severity
		want   bool
	}{
		{Counts{}, Warning, false},
		{Counts{Accepted: 3}, Warning, false},
		{Counts{Warnings: 1}, Error, false},
		{Counts{Warnings: 1}, Warning, true},
		{Counts{Errors: 1}, Error, true},
	} {
		if got := tc.c.Fails(tc.failOn); got != tc.want {
			t.Errorf("%+v.Fails(%v) = %t", tc.c, tc.failOn, got)
		}
	}
}
