// Command healthloc localizes health-education content.
package main

import (
	"os"

	"github.com/healthloc/healthloc/internal/cli"
)

func main() {
	os.Exit(cli.Main())
}
