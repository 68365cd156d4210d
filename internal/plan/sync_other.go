//go:build !linux

package plan

import "errors"

// syncFileSystems is Linux-only; elsewhere each file is synced.
func syncFileSystems(map[string]bool) error { return errors.New("no syncfs") }
