package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"strings"
)

// node is one element of a CLDR XML file.
type node struct {
	name string
	attr map[string]string
	text string
	kids []*node
}

// load reads an XML file into a tree.
func load(path string) (*node, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := xml.NewDecoder(f)
	root := &node{name: "#doc"}
	stack := []*node{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		top := stack[len(stack)-1]
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name.Local, attr: map[string]string{}}
			for _, a := range t.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top.text += string(t)
		}
	}
	return root, nil
}

// all returns the descendants reached by a path of steps, each a name
// optionally followed by [attr=value] filters: "units/unitLength[type=long]".
func (n *node) all(path string) []*node {
	cur := []*node{n}
	for _, step := range strings.Split(path, "/") {
		name, filters := parseStep(step)
		var next []*node
		for _, c := range cur {
			for _, k := range c.kids {
				if k.name == name && k.matches(filters) {
					next = append(next, k)
				}
			}
		}
		cur = next
	}
	return cur
}

// first is the first node of all(path), or nil.
func (n *node) first(path string) *node {
	if r := n.all(path); len(r) > 0 {
		return r[0]
	}
	return nil
}

func (n *node) matches(filters map[string]string) bool {
	for k, v := range filters {
		if n.attr[k] != v {
			return false
		}
	}
	// draft="unconfirmed" and alt variants are not the locale's main data
	if n.attr["alt"] != "" && filters["alt"] == "" {
		return false
	}
	return true
}

func parseStep(step string) (string, map[string]string) {
	name, rest, ok := strings.Cut(step, "[")
	f := map[string]string{}
	if !ok {
		return name, f
	}
	for _, cond := range strings.Split(strings.TrimSuffix(rest, "]"), "][") {
		k, v, _ := strings.Cut(cond, "=")
		f[k] = v
	}
	return name, f
}
