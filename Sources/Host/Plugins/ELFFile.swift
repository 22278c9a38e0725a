import Foundation

/// Just enough of an ELF reader to tell a shared object from anything else and to list the
/// symbols it exports — what `nm -D --defined-only` shows — without running it.
public struct ELFFile: Sendable {
    public let isSharedObject: Bool
    /// Defined, globally visible dynamic symbols.
    public let exportedSymbols: [String]

    /// Reads `path`; throws `.notSharedObject` for anything that is not a 64-bit
    /// little-endian ELF shared object.
    public init(path: String) throws(PluginError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PluginError(.missingFile, file: path, "cannot read the file")
        }
        let bytes = [UInt8](data)
        guard bytes.count >= 64, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46 else {
            throw PluginError(.notSharedObject, file: path, "not an ELF shared object (no ELF magic; is it a text file or an archive?)")
        }
        guard bytes[4] == 2, bytes[5] == 1 else {
            throw PluginError(.notSharedObject, file: path, "not a 64-bit little-endian ELF file; edgehost packs are built for this machine")
        }
        let reader = ByteReader(bytes: bytes)
        let type = reader.u16(16)
        guard type == 3 else {
            throw PluginError(.notSharedObject, file: path, "ELF file of type \(type), not a shared object (type 3); build with -shared -fPIC")
        }
        if let cut = ELFFile.truncatedSegment(reader) {
            throw PluginError(.notSharedObject, file: path,
                              "truncated: segment \(cut.index) needs bytes up to \(cut.end), the file has \(bytes.count); copy or build it again")
        }
        isSharedObject = true
        exportedSymbols = ELFFile.dynamicSymbols(reader)
    }

    /// The first loadable segment whose bytes run past the end of the file. dlopen maps such a
    /// file and then touches the missing pages, which kills the process with SIGBUS, so the
    /// host checks before it calls dlopen.
    private static func truncatedSegment(_ r: ByteReader) -> (index: Int, end: UInt64)? {
        let table = r.u64(0x20), entrySize = UInt64(r.u16(0x36)), count = Int(r.u16(0x38))
        let size = UInt64(r.bytes.count)
        guard entrySize >= 56, table <= size, table + entrySize * UInt64(count) <= size else { return (0, table &+ entrySize &* UInt64(count)) }
        for i in 0..<count {
            let base = Int(table + UInt64(i) * entrySize)
            let offset = r.u64(base + 8), fileSize = r.u64(base + 0x20)
            // PT_LOAD; the sum is compared without overflowing.
            if r.u32(base) == 1, offset > size || fileSize > size - offset { return (i, offset &+ fileSize) }
        }
        return nil
    }

    private static func dynamicSymbols(_ r: ByteReader) -> [String] {
        // Every offset and size is clamped to the file: a truncated or hostile file must give a
        // short list, never an overflow or a read past the end.
        let sectionOffset = r.offset(0x28)
        let sectionSize = Int(r.u16(0x3A))
        let sectionCount = Int(r.u16(0x3C))
        func section(_ i: Int) -> (type: UInt32, offset: Int, size: Int, link: Int, entrySize: Int) {
            let base = sectionOffset + i * sectionSize
            return (r.u32(base + 4), r.offset(base + 0x18), r.offset(base + 0x20), Int(r.u32(base + 0x28)), r.offset(base + 0x38))
        }
        guard sectionOffset > 0, sectionSize >= 64, sectionSize <= 4096, sectionOffset + sectionCount * sectionSize <= r.bytes.count else { return [] }
        var names: [String] = []
        for i in 0..<sectionCount {
            let dynsym = section(i)
            guard dynsym.type == 11, dynsym.entrySize >= 24, dynsym.link < sectionCount else { continue }  // SHT_DYNSYM
            let strtab = section(dynsym.link)
            for s in 1..<max(1, dynsym.size / dynsym.entrySize) {
                let sym = dynsym.offset + s * dynsym.entrySize
                guard sym + 24 <= r.bytes.count else { break }
                let info = r.bytes[sym + 4], other = r.bytes[sym + 5], shndx = r.u16(sym + 6)
                let binding = info >> 4, visibility = other & 3
                // Defined (not SHN_UNDEF), GLOBAL or WEAK, default or protected visibility.
                guard shndx != 0, binding == 1 || binding == 2, visibility == 0 || visibility == 3 else { continue }
                names.append(r.cString(strtab.offset + Int(r.u32(sym))))
            }
        }
        return names.sorted()
    }
}

private struct ByteReader {
    let bytes: [UInt8]

    func u16(_ at: Int) -> UInt16 { at + 2 <= bytes.count ? UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 : 0 }
    func u32(_ at: Int) -> UInt32 { at + 4 <= bytes.count ? (0..<4).reduce(0) { $0 | UInt32(bytes[at + $1]) << (8 * UInt32($1)) } : 0 }
    func u64(_ at: Int) -> UInt64 { at + 8 <= bytes.count ? (0..<8).reduce(0) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) } : 0 }

    /// A 64-bit offset or size, capped at the file's length so sums of two stay in range.
    func offset(_ at: Int) -> Int { Int(min(u64(at), UInt64(bytes.count))) }

    func cString(_ at: Int) -> String {
        guard at >= 0, at < bytes.count else { return "" }
        let end = bytes[at...].firstIndex(of: 0) ?? bytes.count
        return String(decoding: bytes[at..<end], as: UTF8.self)
    }
}
