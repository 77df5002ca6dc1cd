package diag

import "strconv"

// AppendInt is strconv.AppendInt(b, int64(n), 10): positions and counts
// below 10^9 are written two digits at a time straight into b, without
// strconv's buffer and its copy (validate writes two per problem).
func AppendInt(b []byte, n int) []byte {
	if n < 0 || n >= 1e9 {
		return strconv.AppendInt(b, int64(n), 10)
	}
	u := uint32(n)
	w := 1
	for x := u; x >= 10; x /= 10 {
		w++
	}
	b = append(b, "000000000"[:w]...)
	i := len(b)
	for u >= 100 {
		q := u / 100
		r := (u - q*100) * 2
		i -= 2
		b[i], b[i+1] = digitPairs[r], digitPairs[r+1]
		u = q
	}
	if u >= 10 {
		b[i-2], b[i-1] = digitPairs[u*2], digitPairs[u*2+1]
	} else {
		b[i-1] = byte('0' + u)
	}
	return b
}

const digitPairs = "00010203040506070809" +
	"10111213141516171819" +
	"20212223242526272829" +
	"30313233343536373839" +
	"40414243444546474849" +
	"50515253545556575859" +
	"60616263646566676869" +
	"70717273747576777879" +
	"80818283848586878889" +
	"90919293949596979899"
