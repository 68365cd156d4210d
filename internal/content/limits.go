package content

// nestingDepth estimates how deep Markdown block quotes and lists nest,
// cheaply and before goldmark sees the text, whose parsing time grows
// with the square of the depth. A line that starts with container
// markers ("> ", "- ", "1. ") counts one level per marker plus one per
// two columns of indentation beyond the marker and its space, which is what a
// nested list needs at the least. Lines without a marker count nothing:
// an indented code block is not nesting. The estimate errs on the high
// side for ordered lists, which need three columns per level.
//
// It returns the offset of the first line estimated deeper than max and
// its estimate, or -1.
func nestingDepth(src []byte, max int) (at, depth int) {
	for ls := 0; ls < len(src); {
		le := ls
		for le < len(src) && src[le] != '\n' {
			le++
		}
		if d := lineDepth(src[ls:le]); d > max {
			return ls, d
		}
		ls = le + 1
	}
	return -1, 0
}

// lineDepth is the estimate of nestingDepth for one line.
func lineDepth(l []byte) int {
	markers, cols := 0, 0
	for i := 0; i < len(l); {
		switch c := l[i]; {
		case c == ' ':
			cols++
			i++
		case c == '\t':
			cols += 4 - cols%4
			i++
		case c == '>':
			markers++
			cols++
			i++
		case (c == '-' || c == '+' || c == '*') && markerEnd(l, i+1):
			markers++
			cols++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j < len(l) && (l[j] == '.' || l[j] == ')') && markerEnd(l, j+1) {
				markers++
				cols += j + 1 - i
				i = j + 1
				continue
			}
			return depthOf(markers, cols)
		default:
			return depthOf(markers, cols)
		}
	}
	return depthOf(markers, cols)
}

// markerEnd reports whether a list marker ending before l[i] is complete:
// at the end of the line or followed by a space or tab.
func markerEnd(l []byte, i int) bool {
	return i == len(l) || l[i] == ' ' || l[i] == '\t'
}

func depthOf(markers, cols int) int {
	if markers == 0 {
		return 0
	}
	// Each marker takes at least two columns with the space after it;
	// what is left is indentation.
	return markers + max(0, cols-2*markers)/2
}
