import PluginAPI

extension edgehost_struct_header_t {
    /// The header a struct of type `T` gets when edgehost code produces it.
    public static func current<T>(for _: T.Type) -> edgehost_struct_header_t {
        edgehost_struct_header_t(abi_major: EDGEHOST_ABI_MAJOR, abi_minor: EDGEHOST_ABI_MINOR,
                                 struct_size: UInt32(MemoryLayout<T>.size), reserved: 0)
    }
}
