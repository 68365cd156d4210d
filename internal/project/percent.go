package project

// Percent is n over total in percent, rounded down to one decimal so that
// 99.96% never shows as 100%; nothing to translate (total 0) is 100%.
// Status, render's coverage and its publishing threshold all use it, so
// that a locale shown at 80% is the one published at 80%.
func Percent(n, total int) float64 {
	if total == 0 {
		return 100
	}
	return float64(n*1000/total) / 10
}
