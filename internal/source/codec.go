package source

import (
	"encoding"
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
)

// The encoding of a cachedPost in the cache: every exported field of it,
// and of the structs and slices it holds, in the order of the fields, as
// encoding/gob would keep them, but with no description of the types in
// each value (gob writes one into every value it encodes alone, and reads
// it back on every value: most of the time a warm build spent on the
// cache). A type that marshals itself (decimal.Decimal) is its
// MarshalBinary's bytes. Integers are varints, strings and byte slices
// their length then their bytes, other slices their length then their
// elements, a pointer a byte (0: nil) then what it points to; an empty
// slice reads back as nil, as with gob. A field added to a type in a
// cachedPost is kept as gob would keep it, and the keys change with the
// program (cache.Program), so no value of another encoding is read.

var binaryMarshaler = reflect.TypeFor[encoding.BinaryMarshaler]()

// appendValue appends the encoding of v to b.
func appendValue(b []byte, v reflect.Value) ([]byte, error) {
	if v.Type().Implements(binaryMarshaler) {
		data, err := v.Interface().(encoding.BinaryMarshaler).MarshalBinary()
		if err != nil {
			return b, err
		}
		return appendBytes(b, data), nil
	}
	switch v.Kind() {
	case reflect.String:
		return appendBytes(b, []byte(v.String())), nil
	case reflect.Bool:
		if v.Bool() {
			return append(b, 1), nil
		}
		return append(b, 0), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return binary.AppendVarint(b, v.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return binary.AppendUvarint(b, v.Uint()), nil
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return appendBytes(b, v.Bytes()), nil
		}
		b = binary.AppendUvarint(b, uint64(v.Len()))
		for i := range v.Len() {
			var err error
			if b, err = appendValue(b, v.Index(i)); err != nil {
				return b, err
			}
		}
		return b, nil
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, 0), nil
		}
		return appendValue(append(b, 1), v.Elem())
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if !t.Field(i).IsExported() {
				continue
			}
			var err error
			if b, err = appendValue(b, v.Field(i)); err != nil {
				return b, err
			}
		}
		return b, nil
	}
	return b, fmt.Errorf("cannot encode a %s", v.Type())
}

func appendBytes(b, data []byte) []byte {
	return append(binary.AppendUvarint(b, uint64(len(data))), data...)
}

var errShort = errors.New("the value ends early")

// readValue decodes into v, which must be settable, what appendValue
// encoded, and returns what follows.
func readValue(b []byte, v reflect.Value) ([]byte, error) {
	if reflect.PointerTo(v.Type()).Implements(reflect.TypeFor[encoding.BinaryUnmarshaler]()) {
		data, rest, err := readBytes(b)
		if err != nil {
			return nil, err
		}
		return rest, v.Addr().Interface().(encoding.BinaryUnmarshaler).UnmarshalBinary(data)
	}
	switch v.Kind() {
	case reflect.String:
		data, rest, err := readBytes(b)
		if err == nil {
			v.SetString(string(data))
		}
		return rest, err
	case reflect.Bool:
		if len(b) < 1 {
			return nil, errShort
		}
		v.SetBool(b[0] != 0)
		return b[1:], nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, k := binary.Varint(b)
		if k <= 0 || v.OverflowInt(n) {
			return nil, errShort
		}
		v.SetInt(n)
		return b[k:], nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, k := binary.Uvarint(b)
		if k <= 0 || v.OverflowUint(n) {
			return nil, errShort
		}
		v.SetUint(n)
		return b[k:], nil
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			data, rest, err := readBytes(b)
			if err == nil && len(data) > 0 {
				v.SetBytes(append([]byte(nil), data...))
			}
			return rest, err
		}
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)) { // each element takes a byte at least
			return nil, errShort
		}
		b = b[k:]
		if n == 0 {
			return b, nil
		}
		s := reflect.MakeSlice(v.Type(), int(n), int(n))
		for i := range int(n) {
			var err error
			if b, err = readValue(b, s.Index(i)); err != nil {
				return nil, err
			}
		}
		v.Set(s)
		return b, nil
	case reflect.Pointer:
		if len(b) < 1 {
			return nil, errShort
		}
		if b[0] == 0 {
			return b[1:], nil
		}
		p := reflect.New(v.Type().Elem())
		rest, err := readValue(b[1:], p.Elem())
		if err == nil {
			v.Set(p)
		}
		return rest, err
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if !t.Field(i).IsExported() {
				continue
			}
			var err error
			if b, err = readValue(b, v.Field(i)); err != nil {
				return nil, err
			}
		}
		return b, nil
	}
	return nil, fmt.Errorf("cannot decode a %s", v.Type())
}

func readBytes(b []byte) (data, rest []byte, err error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, nil, errShort
	}
	return b[k : k+int(n)], b[k+int(n):], nil
}
