import { catalogSuite } from "./catalog-suite";

catalogSuite("kills");
