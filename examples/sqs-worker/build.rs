fn main() {
    stackforge_build::emit();
}
