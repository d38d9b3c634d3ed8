/// Frontline's version, as `frontline --version` prints it and the man page states it.
public enum FrontlineVersion {
    public static let current = "0.9.0"
}
