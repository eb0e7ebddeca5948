import { catalogSuite } from "./catalog-suite";

catalogSuite("sessions");
