#if canImport(Glibc)
import Glibc
#endif

/// Reading a file named as one document (`.json`, `.xml`) in as few system calls as it takes:
/// open, fstat, one read of the whole size into the thread's reused buffer, close. A directory of
/// many small responses is mostly this, so a second probing read, a buffer per file or a copy to
/// trim it would each cost as much as the parsing.
extension DocumentStream {
    enum SmallFileRead {
        /// The document is the first `count` bytes of the buffer, followed by zeroed padding.
        case read(count: Int)
        /// It is larger than the document limit.
        case tooLarge
        /// Not a plain file of a known size, or gzip: to be read on from `source` as any other
        /// input, `head` holding what was read from it so far.
        case other(source: ByteSource, head: [UInt8])
    }

    func readSmallFile(into buffer: inout ChunkBuffer) throws(InputError) -> SmallFileRead {
        let path = file.path
        let descriptor = try FileByteSource.open(file)
        // A file the directory walk saw as regular is read without asking its size (a system call
        // per file, a tenth of opening one): a read shorter than asked is its end. Its first read
        // asks for what the reused buffer holds, which is a small response many times over.
        var size: Int?
        if !file.isKnownRegular {
            var info = stat()
            guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= limits.maxDocumentBytes
            else {
                // A pipe or device (read until it ends) or a file over the limit (which may be gzip
                // that unpacks to less): the general path, on the descriptor already open.
                let (source, head) = try DocumentStream.detectingGzip(FileByteSource(descriptor: descriptor, path: path), path: path)
                return .other(source: source, head: head)
            }
            size = Int(info.st_size)
        }
        var closed = false
        defer { if !closed { close(descriptor) } }
        // One byte more than the size, so a file that grew since fstat is noticed and read on.
        var capacity = min(size.map { $0 + 1 } ?? max(buffer.capacity, 1 << 16), limits.bufferBytes)
        buffer.reserve(capacity)
        var count = 0
        var checkedGzip = false
        while true {
            if count == capacity {
                // It grew: double up to the limit, then give up as the general path would.
                if capacity > limits.maxDocumentBytes { return .tooLarge }
                capacity = min(max(capacity * 2, 1 << 16), limits.bufferBytes)
                buffer.grow(to: capacity, keeping: count)
            }
            // Linux reads at most about 2 GiB at once, short of a larger request before the end.
            let wanted = min(capacity - count, 1 << 30)
            let n = try FileByteSource.read(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: buffer.bytes[count..<(count + wanted)]), path: path)
            count += n
            if !checkedGzip && (count >= 2 || n == 0) {
                checkedGzip = true
                if count >= 2 && buffer.bytes[0] == 0x1F && buffer.bytes[1] == 0x8B {
                    let head = Array(UnsafeRawBufferPointer(rebasing: buffer.bytes[0..<count]))
                    closed = true
                    let gzip = try GzipByteSource(FileByteSource(descriptor: descriptor, path: path), path: path, pending: head)
                    return .other(source: gzip, head: [])
                }
            }
            // A plain file read short of what was asked, at exactly its size (or of a size not
            // asked), is at its end: no further read to be told so.
            if n == 0 || (n < wanted && (size == nil || count == size)) { break }
        }
        let padding = UnsafeMutableRawBufferPointer(rebasing: buffer.bytes[count..<(count + JSONParser.padding)])
        padding.initializeMemory(as: UInt8.self, repeating: 0)
        return .read(count: count)
    }
}
