// Package numeral composes the value of a number written in words from
// the values of its words: "two hundred five" (2, 100, 5) is 205,
// "一亿两千万" (1, 10^8, 2, 1000, 10^4) is 120,000,000, Swahili "mia
// mbili" (100, 2) is 200. The generator of internal/cldr uses it to
// decide which spellings need a table entry, and the checks to read.
package numeral

// Token is one word of a number.
type Token struct {
	Val int64
	// Mult marks a word that multiplies the words on one side: "hundred",
	// "万", "lakh".
	Mult bool
	// Conn marks a connector: "and", "y", Swahili "na".
	Conn bool
}

// IsPowerOfTen reports whether v is 10, 100, 1000…
func IsPowerOfTen(v int64) bool {
	if v < 10 {
		return false
	}
	for v%10 == 0 {
		v /= 10
	}
	return v == 1
}

// Combine is the value of a number's words. In most languages a
// multiplier multiplies what comes before it ("two hundred"); postfix
// languages write it first (Swahili "mia mbili", "elfu mbili").
func Combine(ts []Token, postfix bool) int64 {
	if postfix {
		var total int64
		for i := 0; i < len(ts); {
			v, j := postfixTerm(ts, i)
			total += v
			i = j
		}
		return total
	}
	var plain []Token
	for _, t := range ts {
		if !t.Conn {
			plain = append(plain, t)
		}
	}
	return combine(plain)
}

// combine splits at the largest multiplier: what is left of it times it,
// plus what is right of it.
func combine(ts []Token) int64 {
	best := -1
	for i, t := range ts {
		if t.Mult && (best < 0 || t.Val > ts[best].Val) {
			best = i
		}
	}
	if best < 0 {
		var sum int64
		for _, t := range ts {
			sum += t.Val
		}
		return sum
	}
	left := int64(1)
	if best > 0 {
		left = combine(ts[:best])
	}
	return left*ts[best].Val + combine(ts[best+1:])
}

// postfixTerm reads one term from i: a multiplier and its multiplicand,
// or a run of plain words; connectors end a run.
func postfixTerm(ts []Token, i int) (int64, int) {
	switch {
	case ts[i].Conn:
		return 0, i + 1
	case ts[i].Mult:
		m := ts[i].Val
		j := i + 1
		switch {
		case j < len(ts) && ts[j].Mult && ts[j].Val < m:
			v, k := postfixTerm(ts, j)
			return m * v, k
		case j < len(ts) && !ts[j].Mult && !ts[j].Conn:
			v, k := plainRun(ts, j)
			return m * v, k
		}
		return m, j
	}
	return plainRun(ts, i)
}

func plainRun(ts []Token, i int) (int64, int) {
	var sum int64
	for i < len(ts) && !ts[i].Mult && !ts[i].Conn {
		sum += ts[i].Val
		i++
	}
	return sum, i
}

// place is the lowest power of ten a value fills: 20 fills the tens, 25
// and 3 the units, 300 the hundreds.
func place(v int64) int64 {
	p := int64(1)
	for v > 0 && v%10 == 0 {
		v /= 10
		p *= 10
	}
	return p
}

// Follows reports whether word t may continue the number whose words so
// far are ts, read left to right: "twenty" then "three" may, "two" then
// "three" may not ("two three-day courses" are two numbers), nor "三" then
// "四" (三四天 is three or four days).
func Follows(ts []Token, t Token, postfix bool) bool {
	if t.Conn {
		return len(ts) > 0
	}
	if len(ts) == 0 {
		return true
	}
	if postfix {
		last := ts[len(ts)-1]
		switch {
		case t.Mult:
			return true
		case last.Mult:
			return t.Val < last.Val
		case last.Conn:
			return true
		}
		return t.Val < place(last.Val)
	}
	// the additive words since the last multiplier must fall in places
	// lower than the one before
	limit := int64(-1)
	var group int64
	for _, x := range ts {
		switch {
		case x.Conn, x.Val == 0 && !x.Mult:
		case x.Mult:
			if group == 0 {
				group = 1
			}
			limit = x.Val
			group = 0
		default:
			group += x.Val
			limit = place(x.Val)
		}
	}
	if t.Mult {
		return group == 0 && limit < 0 || group > 0 && group < t.Val || limit > 0 && t.Val > limit
	}
	return limit < 0 || t.Val < limit
}
