// Package cli is healthloc's command tree.
package cli

// Main runs the command line and returns the process exit code.
func Main() int { return 0 }
