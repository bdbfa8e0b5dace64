package imaging

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
)

// The metadata of JPEG and PNG files: read for the orientation, and
// removed from what is published.

var errBadJPEG = errors.New("not a well-formed JPEG")
var errBadPNG = errors.New("not a well-formed PNG")

// meta is what a file's metadata says that matters here.
type meta struct {
	orientation int  // EXIF orientation; 0 without one
	gps         bool // its EXIF has a GPS block
	strip       bool // it has metadata that stripping removes
}

const (
	markerSOS = 0xDA
	markerEOI = 0xD9
	markerAPP = 0xE0 // APP0; APPn is markerAPP+n
	markerCOM = 0xFE
)

// walkJPEG calls fn for each segment of a JPEG file, in order: its
// marker and its bytes (the marker included; a scan's entropy-coded data
// is part of its SOS segment), and the payload after its length. It
// stops after EOI, when fn returns false, or, with headerOnly, at the
// first SOS (before calling fn with it). A file that ends without EOI
// ends its last segment.
func walkJPEG(data []byte, headerOnly bool, fn func(marker byte, seg, payload []byte) bool) error {
	if len(data) < 2 || data[0] != 0xFF || data[1] != 0xD8 {
		return errBadJPEG
	}
	i := 2
	for i < len(data) {
		if data[i] != 0xFF {
			return errBadJPEG
		}
		start := i
		for i < len(data) && data[i] == 0xFF {
			i++ // fill bytes
		}
		if i >= len(data) {
			return io.ErrUnexpectedEOF
		}
		m := data[i]
		i++
		if m == markerEOI {
			fn(m, data[start:i], nil)
			return nil
		}
		if m >= 0xD0 && m <= 0xD7 || m == 0x01 {
			if !fn(m, data[start:i], nil) {
				return nil
			}
			continue // no length
		}
		if i+2 > len(data) {
			return io.ErrUnexpectedEOF
		}
		n := int(binary.BigEndian.Uint16(data[i:]))
		if n < 2 {
			return errBadJPEG
		}
		if i+n > len(data) {
			return io.ErrUnexpectedEOF
		}
		payload := data[i+2 : i+n]
		i += n
		if m == markerSOS {
			if headerOnly {
				return nil
			}
			// Entropy-coded data, up to a marker: 0xFF followed by
			// neither a stuffed 0 nor a restart marker.
			for ; i < len(data); i++ {
				if data[i] == 0xFF && i+1 < len(data) {
					if b := data[i+1]; b != 0 && (b < 0xD0 || b > 0xD7) {
						break
					}
				}
			}
		}
		if !fn(m, data[start:i], payload) {
			return nil
		}
	}
	if headerOnly {
		return io.ErrUnexpectedEOF
	}
	return nil
}

var exifHeader = []byte("Exif\x00\x00")

// keepJPEG reports whether a JPEG segment is kept in what is published:
// everything but application segments and comments, except JFIF (APP0),
// an ICC colour profile (APP2) and Adobe's colour transform (APP14),
// which decoders need to show the colours right.
func keepJPEG(marker byte, payload []byte) bool {
	switch {
	case marker == markerCOM:
		return false
	case marker == markerAPP:
		return bytes.HasPrefix(payload, []byte("JFIF\x00")) || bytes.HasPrefix(payload, []byte("JFXX\x00"))
	case marker == markerAPP+2:
		return bytes.HasPrefix(payload, []byte("ICC_PROFILE\x00"))
	case marker == markerAPP+14:
		return bytes.HasPrefix(payload, []byte("Adobe"))
	case marker > markerAPP && marker <= markerAPP+15:
		return false
	}
	return true
}

// jpegMeta reads the metadata of a JPEG's header.
func jpegMeta(data []byte) (meta, error) {
	var m meta
	err := walkJPEG(data, true, func(marker byte, _, payload []byte) bool {
		if !keepJPEG(marker, payload) {
			m.strip = true
		}
		if marker == markerAPP+1 && bytes.HasPrefix(payload, exifHeader) && m.orientation == 0 {
			m.orientation, m.gps = readEXIF(payload[len(exifHeader):])
		}
		return true
	})
	return m, err
}

// stripJPEG is data without its metadata (keepJPEG), and without what
// follows its EOI (the other pictures of a multi-picture file).
func stripJPEG(data []byte) ([]byte, error) {
	out := make([]byte, 0, len(data))
	out = append(out, 0xFF, 0xD8)
	err := walkJPEG(data, false, func(marker byte, seg, payload []byte) bool {
		if keepJPEG(marker, payload) {
			out = append(out, seg...)
		}
		return true
	})
	return out, err
}

// readEXIF reads the orientation (tag 0x0112) and whether there is a GPS
// block (tag 0x8825) in the first IFD of EXIF's TIFF structure. What it
// cannot read is 0 and false.
func readEXIF(tiff []byte) (orientation int, gps bool) {
	if len(tiff) < 8 {
		return 0, false
	}
	var bo binary.ByteOrder
	switch string(tiff[:4]) {
	case "II*\x00":
		bo = binary.LittleEndian
	case "MM\x00*":
		bo = binary.BigEndian
	default:
		return 0, false
	}
	ifd := int(bo.Uint32(tiff[4:]))
	if ifd < 8 || ifd+2 > len(tiff) {
		return 0, false
	}
	n := int(bo.Uint16(tiff[ifd:]))
	for k := range n {
		e := ifd + 2 + 12*k
		if e+12 > len(tiff) {
			break
		}
		switch bo.Uint16(tiff[e:]) {
		case 0x0112:
			if bo.Uint16(tiff[e+2:]) == 3 { // SHORT
				orientation = int(bo.Uint16(tiff[e+8:]))
			}
		case 0x8825:
			gps = true
		}
	}
	return orientation, gps
}

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// walkPNG calls fn for each chunk of a PNG file: its type and its bytes
// (length, type, data and CRC), and its data. It stops after IEND, when
// fn returns false, or, with headerOnly, at the first IDAT.
func walkPNG(data []byte, headerOnly bool, fn func(typ string, chunk, body []byte) bool) error {
	if !bytes.HasPrefix(data, pngSignature) {
		return errBadPNG
	}
	i := len(pngSignature)
	for i < len(data) {
		if i+8 > len(data) {
			return io.ErrUnexpectedEOF
		}
		n := int(binary.BigEndian.Uint32(data[i:]))
		typ := string(data[i+4 : i+8])
		if n < 0 || n > len(data)-i-12 {
			return io.ErrUnexpectedEOF
		}
		if headerOnly && typ == "IDAT" {
			return nil
		}
		if !fn(typ, data[i:i+12+n], data[i+8:i+8+n]) || typ == "IEND" {
			return nil
		}
		i += 12 + n
	}
	return io.ErrUnexpectedEOF
}

// dropPNG are the PNG chunks that are metadata: EXIF, text, and the time
// of the last change.
var dropPNG = map[string]bool{"eXIf": true, "tEXt": true, "zTXt": true, "iTXt": true, "tIME": true}

func pngMeta(data []byte) (meta, error) {
	var m meta
	err := walkPNG(data, true, func(typ string, _, body []byte) bool {
		if dropPNG[typ] {
			m.strip = true
		}
		if typ == "eXIf" && m.orientation == 0 {
			tiff := body
			if bytes.HasPrefix(tiff, exifHeader) {
				tiff = tiff[len(exifHeader):]
			}
			m.orientation, m.gps = readEXIF(tiff)
		}
		return true
	})
	return m, err
}

func stripPNG(data []byte) ([]byte, error) {
	out := append(make([]byte, 0, len(data)), pngSignature...)
	err := walkPNG(data, false, func(typ string, chunk, _ []byte) bool {
		if !dropPNG[typ] {
			out = append(out, chunk...)
		}
		return true
	})
	return out, err
}
