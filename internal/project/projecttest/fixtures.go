package projecttest

// FeverMD is the one-article fixture the render and browser tests share:
// front matter, two sections, a link and a number to localize.
const FeverMD = `---
title: Fever in children
description: What to do when a child has a fever.
---

## Medicine

Give 2.5–5 ml of paracetamol syrup every 6 hours.

Read more at [the help page](https://example.org/help).

## Danger signs

Go to a clinic at once if the child has a stiff neck.
`
