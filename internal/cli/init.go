package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/healthloc/healthloc/internal/config"
	"github.com/healthloc/healthloc/internal/plan"
)

type initOptions struct {
	Force bool
}

func (o *initOptions) AddFlags(f *pflag.FlagSet) {
	f.BoolVar(&o.Force, "force", false, "overwrite an existing healthloc.toml")
}

func newInitCmd(io *IO, g *globalOptions) *cobra.Command {
	o := &initOptions{}
	return command(&cobra.Command{
		Use:   "init",
		Short: "Write a commented default healthloc.toml",
		Args:  noArgs,
	}, o, func(ctx context.Context, _ []string) error { return runInit(ctx, io, g, o) })
}

func runInit(ctx context.Context, io *IO, g *globalOptions, o *initOptions) error {
	path := filepath.Join(g.Dir, config.FileName)
	if _, err := os.Stat(path); err == nil && !o.Force {
		return fmt.Errorf("%s: already exists; use --force to overwrite it", path)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if _, err := plan.ApplyContext(ctx, plan.Plan{Files: []plan.File{{Path: path, Data: []byte(config.Default)}}}); err != nil {
		return err
	}
	if !g.Quiet {
		fmt.Fprintf(io.ErrOut, "wrote %s\n", path)
	}
	return nil
}
